"""Read the member's data download the way the member does: open the ZIP."""

import io
import json
import zipfile

from django.urls import reverse


def download_my_data(client) -> tuple[dict, zipfile.ZipFile]:
    """``gegevens.json`` of the logged-in member's download, and the archive itself."""
    response = client.get(reverse("community:my_data_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("gegevens.json")), archive


def my_data(client) -> dict:
    return download_my_data(client)[0]
