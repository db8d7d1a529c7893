"""Uploaded files in S3-compatible object storage, against a real S3 API: moto's
standalone server, started here on a free port. The default storage is configured from
MEDIA_STORAGE_URL exactly as the settings do it (``media.storage_config``).

What an operator with several app servers relies on: a file saved by one server reads
back from the bucket; a visitor the app lets through is sent to a signed link that
delivers the bytes with the right headers; the same object without the signature is
refused; deleted rows take their objects along."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from cocreatie.core import media
from tests.ports import free_port

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
REGION = "eu-west-1"
KEY, SECRET = "cocreatie-test-key", "cocreatie-test-secret"


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """The address of a moto S3 server that lives as long as this module's tests."""
    try:
        import moto.server  # noqa: F401
    except ImportError as error:
        pytest.skip(f"moto[server] is not installed ({error}); pip install 'moto[server]'")
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "server.log"
    environment = {**os.environ, "AWS_ACCESS_KEY_ID": KEY, "AWS_SECRET_ACCESS_KEY": SECRET}
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"moto's S3 server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A fresh private bucket as the default storage, set up from MEDIA_STORAGE_URL."""
    import boto3

    name = f"cocreatie-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media.storage_config(
            f"s3://{name}/media?endpoint={s3_endpoint}&region={REGION}&addressing=path",
            access_key=KEY,
            secret_key=SECRET,
        ),
    }
    yield client, name
    client.close()


def keys(client, name) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=name).get("Contents", [])]


def fetch(url: str):
    """A plain HTTP GET, as a browser follows the redirect: (status, headers, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def test_a_saved_file_reads_back_from_the_bucket_under_our_own_name(bucket):
    client, name = bucket

    stored = media.save("cases/12/document.pdf", ContentFile(PDF, name="../../plan.pdf"))

    assert type(default_storage._wrapped).__name__ == "S3Storage"
    assert stored.startswith("cases/12/") and "plan" not in stored
    assert keys(client, name) == [f"media/{stored}"]
    with default_storage.open(stored, "rb") as handle:
        assert handle.read() == PDF
    grants = client.get_object_acl(Bucket=name, Key=f"media/{stored}")["Grants"]
    assert not [grant for grant in grants if "URI" in grant["Grantee"]]  # no public grant


def test_serving_redirects_to_a_signed_link_that_delivers_the_file(bucket):
    stored = media.save("cases/12/document.pdf", ContentFile(PDF))

    response = media.serve(
        RequestFactory().get("/"),
        stored,
        content_type="application/pdf",
        filename="Plan van aanpak – wijk.pdf",
        attachment=True,
    )

    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    link = response["Location"]
    assert "X-Amz-Signature=" in link and "X-Amz-Expires=300" in link
    status, headers, content = fetch(link)
    assert status == 200
    assert content == PDF
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == (
        "attachment; filename*=utf-8''Plan%20van%20aanpak%20%E2%80%93%20wijk.pdf"
    )
    assert headers["Cache-Control"] == "private, no-store"


def test_a_public_photo_may_be_kept_while_its_link_is_valid(bucket):
    stored = media.save("cases/12/photo.jpg", ContentFile(b"\xff\xd8\xff jpeg"))

    response = media.serve(
        RequestFactory().get("/"), stored, content_type="image/jpeg", public=True
    )

    assert response["Cache-Control"] == "public, max-age=240"
    status, headers, content = fetch(response["Location"])
    assert (status, content) == (200, b"\xff\xd8\xff jpeg")
    assert headers["Content-Type"] == "image/jpeg"
    assert headers["Cache-Control"] == "public, max-age=300"


def test_the_same_object_without_a_signature_is_refused(bucket):
    stored = media.save("cases/12/document.pdf", ContentFile(PDF))
    link = media.serve(RequestFactory().get("/"), stored, content_type="application/pdf")

    status, _, content = fetch(link["Location"].split("?", 1)[0])

    assert status == 403
    assert PDF not in content


def test_a_missing_object_is_not_found(bucket):
    with pytest.raises(Http404):
        media.serve(RequestFactory().get("/"), "cases/12/gone.pdf", content_type="application/pdf")


@pytest.mark.django_db
def test_deleting_after_commit_removes_the_object(bucket, django_capture_on_commit_callbacks):
    client, name = bucket
    gone = media.save("cases/12/a.pdf", ContentFile(PDF))
    kept = media.save("cases/12/b.pdf", ContentFile(PDF))

    with django_capture_on_commit_callbacks(execute=True):
        media.delete_after_commit([gone])
        assert default_storage.exists(gone)

    assert not default_storage.exists(gone)
    assert keys(client, name) == [f"media/{kept}"]


@pytest.mark.django_db
def test_the_members_download_and_account_deletion_work_on_the_bucket(
    bucket, client, django_capture_on_commit_callbacks
):
    from community.models import CaseDocument
    from tests.community.data_download import download_my_data
    from tests.community.factories import CaseFactory, VerifiedUserFactory

    s3, name = bucket
    member = VerifiedUserFactory()
    draft = CaseFactory(author=member, status="draft", published_at=None, slug="concept-plan")
    document = CaseDocument(
        case=draft, uploaded_by=member, title="Plan", size=len(PDF), page_count=1
    )
    document.file.save("plan.pdf", ContentFile(PDF), save=False)
    document.save()
    client.force_login(member)

    _, archive = download_my_data(client)
    assert archive.read("bestanden/concept-plan/1-plan.pdf") == PDF

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community:my_data"), {"confirm": "VERWIJDEREN"})

    assert keys(s3, name) == []
