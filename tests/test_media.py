"""Uploaded files as a visitor and an operator meet them (cocreatie.core.media): the
headers a stored file is served with, the size limit on requests, names that never come
from the client, files deleted only once the deletion commits, and MEDIA_STORAGE_URL."""

import io
import logging
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from cocreatie.core import media
from community.models import Comment
from tests.community.factories import CaseFactory, VerifiedUserFactory

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.7\n" + b"0" * 5000 + b"\n%%EOF\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- Serving a stored file from the local file system ------------------------------------


def test_a_document_download_is_an_attachment_that_is_never_sniffed(media_root):
    name = media.save("cases/7/document.pdf", ContentFile(PDF))
    request = RequestFactory().get("/")

    response = media.serve(
        request,
        name,
        content_type="application/pdf",
        filename="Evaluatie 2024.pdf",
        attachment=True,
        extra_headers={"Content-Security-Policy": "sandbox"},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="Evaluatie 2024.pdf"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(PDF))
    assert body(response) == PDF


def test_a_non_ascii_file_name_is_quoted_as_rfc_6266_says(media_root):
    name = media.save("cases/7/document.pdf", ContentFile(PDF))

    response = media.serve(
        RequestFactory().get("/"),
        name,
        content_type="application/pdf",
        filename="Één plan voor de wijk.pdf",
        attachment=True,
    )

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%C3%89%C3%A9n%20plan%20voor%20de%20wijk.pdf"
    )
    body(response)


def test_a_public_photo_may_be_cached_a_private_one_not(media_root):
    name = media.save("cases/7/photo.jpg", ContentFile(b"\xff\xd8\xff jpeg bytes"))
    request = RequestFactory().get("/")

    public = media.serve(request, name, content_type="image/jpeg", public=True)
    private = media.serve(request, name, content_type="image/jpeg")

    assert public["Cache-Control"] == "public, max-age=86400"
    assert private["Cache-Control"] == "private, no-store"
    for response in (public, private):
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        # Shown in the page, and never under the random name it has in storage.
        assert "Content-Disposition" not in response
        assert body(response) == b"\xff\xd8\xff jpeg bytes"


@pytest.mark.parametrize("name", ["cases/7/gone.pdf", "", "../../cocreatie/settings.py", "cases"])
def test_a_missing_or_outside_file_is_not_found(media_root, name):
    (media_root / "cases").mkdir(parents=True)

    with pytest.raises(Http404):
        media.serve(RequestFactory().get("/"), name, content_type="application/pdf")


def test_a_response_that_is_never_sent_holds_no_open_file(media_root):
    """A HEAD request, or a check of the status only: the file opens at the first read."""
    name = media.save("cases/7/document.pdf", ContentFile(PDF))

    response = media.serve(RequestFactory().get("/"), name, content_type="application/pdf")

    assert response.file_to_stream._file is None
    assert body(response) == PDF
    assert response.file_to_stream._file.closed  # and closes after the last byte


# --- Names and sizes ---------------------------------------------------------------------


def test_the_clients_file_name_never_becomes_the_stored_name(media_root):
    upload = ContentFile(PDF, name="../../../etc/passwd.pdf")

    first = media.save("cases/7/document.pdf", upload)
    second = media.save("cases/7/document.pdf", ContentFile(b"%PDF-1.4 other"))

    assert first.startswith("cases/7/") and first.endswith(".pdf")
    assert "passwd" not in first and ".." not in first
    assert first != second  # the same hint twice never replaces the first file
    with default_storage.open(first) as stored:
        assert stored.read() == PDF
    assert sorted(path.name for path in (media_root / "cases" / "7").iterdir()) == sorted(
        [Path(first).name, Path(second).name]
    )


@pytest.mark.parametrize(
    ("prefix", "extension"),
    [("../cases", "pdf"), ("cases/../../etc", "pdf"), ("", "pdf"), ("cases/1", "p/df")],
)
def test_a_name_outside_the_upload_folders_is_refused(prefix, extension):
    with pytest.raises(ValueError):
        media.new_name(prefix, extension)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (999, "999 bytes"),
        (842_000, "842 kB"),
        (999_400, "999 kB"),
        (999_600, "1,0 MB"),
        (2_400_000, "2,4 MB"),
        (20_000_000, "20,0 MB"),
        (123_456_789, "123 MB"),
        (1_500_000_000, "1,5 GB"),
    ],
)
def test_sizes_read_as_a_dutch_reader_writes_them(size, text):
    assert media.human_size(size) == text


# --- Archives -----------------------------------------------------------------------------


def test_an_archive_holds_texts_and_stored_files_and_skips_an_unreadable_one(media_root, caplog):
    photo = media.save("cases/7/photo.jpg", ContentFile(b"\xff\xd8 jpeg"))

    with media.zip_archive(
        texts={"gegevens.json": '{"naam": "Sanne"}'},
        stored=[("bestanden/foto.jpg", photo), ("bestanden/weg.pdf", "cases/7/gone.pdf")],
    ) as archive_file:
        archive = zipfile.ZipFile(archive_file)
        assert archive.namelist() == ["gegevens.json", "bestanden/foto.jpg"]
        assert archive.read("gegevens.json") == '{"naam": "Sanne"}'.encode()
        assert archive.read("bestanden/foto.jpg") == b"\xff\xd8 jpeg"
        assert archive.getinfo("bestanden/foto.jpg").compress_type == zipfile.ZIP_STORED
    assert "cases/7/gone.pdf" in caplog.text


def test_a_large_archive_is_written_to_disk_not_kept_in_memory(media_root, monkeypatch):
    monkeypatch.setattr(media, "ZIP_IN_MEMORY", 100)
    document = media.save("cases/7/document.pdf", ContentFile(PDF))

    archive_file = media.zip_archive(texts={}, stored=[("plan.pdf", document)])

    with archive_file:
        assert not isinstance(archive_file, io.BytesIO)
        assert zipfile.ZipFile(archive_file).read("plan.pdf") == PDF


# --- Deleting after commit ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_files_go_only_when_the_deletion_commits(media_root):
    kept = media.save("cases/7/photo.jpg", ContentFile(b"kept"))
    gone = media.save("cases/7/photo.jpg", ContentFile(b"gone"))

    with pytest.raises(RuntimeError), transaction.atomic():
        media.delete_after_commit([kept])
        raise RuntimeError("the deletion failed")
    with transaction.atomic():
        media.delete_after_commit([gone])
        assert default_storage.exists(gone)  # not before the commit

    assert default_storage.exists(kept)
    assert not default_storage.exists(gone)


@pytest.mark.django_db(transaction=True)
def test_a_file_that_cannot_be_deleted_is_logged_and_the_rest_still_go(
    media_root, monkeypatch, caplog
):
    first = media.save("cases/7/a.jpg", ContentFile(b"a"))
    second = media.save("cases/7/b.jpg", ContentFile(b"b"))
    delete = default_storage.delete

    def failing(name):
        if name == first:
            raise PermissionError("read-only")
        delete(name)

    monkeypatch.setattr(default_storage, "delete", failing)

    with caplog.at_level(logging.ERROR, logger="cocreatie.core.media"):
        with transaction.atomic():
            media.delete_after_commit([first, second])

    assert default_storage.exists(first) and not default_storage.exists(second)
    assert first in caplog.text


# --- The request-size guard ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_request_over_the_limit_gets_a_dutch_413_before_the_view_runs(client, settings):
    settings.MAX_UPLOAD_REQUEST_SIZE = 21 * 1024 * 1024
    member = VerifiedUserFactory()
    case = CaseFactory()
    client.force_login(member)
    url = reverse("community:comment_create", args=[case.slug])

    # Only the header says how large the body is; nothing reads that far.
    response = client.post(
        url,
        {"body": "Een reactie bij een veel te groot bestand."},
        CONTENT_LENGTH=str(22 * 1024 * 1024),
        HTTP_REFERER=f"http://testserver{case.get_absolute_url()}",
    )

    assert response.status_code == 413
    html = response.content.decode()
    assert "Te groot om te versturen" in html
    assert "Er is niets opgeslagen" in html
    assert "10 MB" in html and "20 MB" in html
    assert f'href="http://testserver{case.get_absolute_url()}"' in html
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_the_guard_answers_before_the_csrf_check_reads_the_form(settings):
    from django.test import Client

    settings.MAX_UPLOAD_REQUEST_SIZE = 1000
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("contact"), {"message": "x" * 2000})

    assert response.status_code == 413  # not 403: the body was never parsed
    assert "Te groot om te versturen" in response.content.decode()
    assert "Terug naar de vorige pagina" not in response.content.decode()  # no referer


@pytest.mark.django_db
def test_a_request_within_the_limit_reaches_the_view(client, settings):
    settings.MAX_UPLOAD_REQUEST_SIZE = 21 * 1024 * 1024
    client.force_login(VerifiedUserFactory())
    case = CaseFactory()

    response = client.post(
        reverse("community:comment_create", args=[case.slug]),
        {"body": "Een gewone reactie komt gewoon aan."},
    )

    assert response.status_code == 302
    assert Comment.objects.filter(body="Een gewone reactie komt gewoon aan.").exists()


def test_django_keeps_form_fields_small_and_large_files_on_disk(settings):
    from django.conf import settings as live

    assert live.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert live.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_621_440


# --- MEDIA_STORAGE_URL --------------------------------------------------------------------


def test_without_a_storage_url_files_stay_on_the_local_file_system():
    assert media.storage_config(None) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_storage_url_names_a_private_bucket_with_signed_links():
    config = media.storage_config(
        "s3://cocreatie-media/productie?endpoint=https://minio.example.nl:9000"
        "&region=eu-west-1&addressing=path",
        access_key="sleutel",
        secret_key="geheim",
    )

    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["OPTIONS"] == {
        "bucket_name": "cocreatie-media",
        "location": "productie",
        "endpoint_url": "https://minio.example.nl:9000",
        "region_name": "eu-west-1",
        "addressing_style": "path",
        "access_key": "sleutel",
        "secret_key": "geheim",
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://minio.example.nl/cocreatie", "must look like s3://bucket"),
        ("s3://", "must look like s3://bucket"),
        ("s3://cocreatie?bucket=x", "unknown parameters: bucket"),
        ("s3://cocreatie?addressing=dns", "addressing is path or virtual"),
    ],
)
def test_a_mistyped_storage_url_stops_the_start(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        media.storage_config(url)


def test_production_with_object_storage_passes_the_deploy_check(tmp_path):
    """As an operator starts it: DEBUG off, MEDIA_STORAGE_URL and the keys from the
    environment; the default storage is the bucket, and ``check --deploy`` is clean."""
    script = (
        "import django; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "s = storages['default']\n"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.querystring_expire)\n"
        "from django.core.management import call_command\n"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cocreatie.settings",
        "DEBUG": "false",
        "SECRET_KEY": "k3Y-" + "x9Qm7-Lp2Zr8tW4vN6bC1dF5gH0jK" * 2,
        "ALLOWED_HOSTS": "cocreatie.example.nl",
        "CONTACT_EMAIL": "contact@cocreatie.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "EMAIL_HOST": "",
        "MEDIA_STORAGE_URL": "s3://cocreatie-media?endpoint=https://minio.example.nl:9000",
        "MEDIA_STORAGE_ACCESS_KEY": "sleutel",
        "MEDIA_STORAGE_SECRET_KEY": "geheim",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "S3Storage cocreatie-media https://minio.example.nl:9000 300" in result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("url", "origins"),
    [
        ("", []),
        (
            "s3://fotos?endpoint=https://minio.gemeente.example:9000&addressing=path",
            ["https://minio.gemeente.example:9000"],
        ),
        (
            "s3://fotos?endpoint=https://ceph.example",
            ["https://ceph.example", "https://fotos.ceph.example"],
        ),
        (
            "s3://fotos?region=eu-west-1",
            ["https://fotos.s3.amazonaws.com", "https://fotos.s3.eu-west-1.amazonaws.com"],
        ),
    ],
)
def test_the_bucket_is_an_allowed_image_source_when_files_come_from_it(url, origins):
    """Photos are redirects to signed links on the bucket: the browser must be allowed
    to load them there, and from nowhere else."""
    from cocreatie.core.media import storage_config, storage_origins

    assert storage_origins(storage_config(url or None)) == origins
