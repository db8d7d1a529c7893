"""Uploaded files in Django's default storage: serve them, name them, delete them.

The default storage is the local file system under ``var/media/`` or an S3-compatible
bucket (see ``storage_config`` and ``MEDIA_STORAGE_URL`` in the settings). Nothing here
knows which: on the file system a file is streamed by the app, behind the access check of
the calling view; on object storage the view answers with a redirect to a signed URL that
expires after a few minutes, so the bytes come straight from the bucket.
"""

import io
import logging
import os
import posixpath
import shutil
import tempfile
import time
import uuid
import zipfile
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlsplit

from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.formats import get_format
from django.utils.http import content_disposition_header
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

S3_BACKEND = "storages.backends.s3.S3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"
# How long a signed object-storage URL stays valid: long enough to start a download,
# too short to pass a link around.
SIGNED_URL_SECONDS = 300

STREAM_CHUNK = 64 * 1024
ZIP_IN_MEMORY = 8 * 1024 * 1024
PUBLIC_CACHE = "public, max-age=86400"
PRIVATE_CACHE = "private, no-store"


def storage_config(url: str | None, *, access_key=None, secret_key=None) -> dict:
    """The ``STORAGES["default"]`` entry for ``MEDIA_STORAGE_URL``.

    No URL: the local file system at ``MEDIA_ROOT``. ``s3://<bucket>[/<prefix>]`` with
    optional query parameters ``endpoint`` (the S3 API's address, for MinIO, Ceph or a
    cloud other than AWS), ``region`` and ``addressing`` (``path`` or ``virtual``):
    private objects in that bucket, read through signed URLs.
    """
    if not url:
        return {"BACKEND": LOCAL_BACKEND}
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE_URL must look like s3://bucket?endpoint=https://host, not {url!r}"
        )
    query = dict(parse_qsl(parts.query))
    unknown = set(query) - {"endpoint", "region", "addressing"}
    if unknown:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE_URL has unknown parameters: {', '.join(sorted(unknown))}"
        )
    options = {
        "bucket_name": parts.netloc,
        "location": parts.path.strip("/"),
        "default_acl": None,  # the bucket's own policy: private
        "querystring_auth": True,
        "querystring_expire": SIGNED_URL_SECONDS,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    if query.get("endpoint"):
        options["endpoint_url"] = query["endpoint"]
    if query.get("region"):
        options["region_name"] = query["region"]
    if query.get("addressing"):
        if query["addressing"] not in ("path", "virtual"):
            raise ImproperlyConfigured("MEDIA_STORAGE_URL: addressing is path or virtual")
        options["addressing_style"] = query["addressing"]
    if access_key:
        options["access_key"] = access_key
    if secret_key:
        options["secret_key"] = secret_key
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def storage_origins(config: dict) -> list[str]:
    """Where the browser fetches files from besides this site (for the Content Security
    Policy): the bucket's address when files are served by signed redirects."""
    if config.get("BACKEND") != S3_BACKEND:
        return []
    options = config["OPTIONS"]
    bucket = options["bucket_name"]
    if options.get("endpoint_url"):
        endpoint = urlsplit(options["endpoint_url"])
        origins = [f"{endpoint.scheme}://{endpoint.netloc}"]
        if options.get("addressing_style") != "path":  # the client may name the bucket
            origins.append(f"{endpoint.scheme}://{bucket}.{endpoint.netloc}")
        return origins
    region = options.get("region_name")
    return [
        f"https://{bucket}.s3.amazonaws.com",
        *([f"https://{bucket}.s3.{region}.amazonaws.com"] if region else []),
    ]


def is_local(storage=None) -> bool:
    return isinstance(storage or default_storage, FileSystemStorage)


def new_name(prefix: str, extension: str) -> str:
    """A fresh storage name under ``prefix``: a random UUID plus ``extension``, never
    anything the client sent."""
    extension = extension.lower().lstrip(".")
    if not extension.isalnum():
        raise ValueError(f"not a file extension: {extension!r}")
    prefix = posixpath.normpath(prefix.strip("/"))
    if prefix.startswith((".", "/")) or ".." in prefix.split("/"):
        raise ValueError(f"not a storage prefix: {prefix!r}")
    return f"{prefix}/{uuid.uuid4().hex}.{extension}"


def save(name_hint: str, content) -> str:
    """Store ``content`` and return its storage name.

    ``name_hint`` is a prefix plus extension of our own (``"cases/12/image.webp"``): only
    its folder and extension are used, the file itself gets a random name, so a client's
    file name never becomes a path and one file never replaces another.
    """
    folder, _, base = name_hint.rpartition("/")
    extension = base.rpartition(".")[2] if "." in base else ""
    if not folder or not extension:
        raise ValueError(f"name_hint needs a folder and an extension: {name_hint!r}")
    return default_storage.save(new_name(folder, extension), content)


def serve(
    request,
    name: str,
    *,
    content_type: str,
    filename: str | None = None,
    attachment: bool = False,
    public: bool = False,
    extra_headers: dict | None = None,
) -> HttpResponse:
    """The response for the stored file ``name``, after the caller has checked access.

    Local storage: the file streamed with ``content_type``, ``nosniff``, a
    Content-Disposition (``attachment`` or inline, with ``filename``), Cache-Control
    public for a day when ``public`` and ``private, no-store`` otherwise, and
    ``extra_headers`` (a CSP, for example). Object storage: a redirect to a signed URL,
    valid a few minutes, that makes the bucket send the same content type and
    disposition. A missing file is a 404.
    """
    storage = default_storage
    disposition = content_disposition_header(attachment, filename)
    cache_control = PUBLIC_CACHE if public else PRIVATE_CACHE
    if not name:
        raise Http404("No file.")
    if not is_local(storage):
        return _signed_redirect(storage, name, content_type, disposition, public)
    try:
        path = storage.path(name)
    except SuspiciousFileOperation as error:  # a name outside MEDIA_ROOT
        logger.warning("Refused to serve %r: %s", name, error)
        raise Http404("File not found.") from error
    if not os.path.isfile(path):
        raise Http404("File not found.")
    size = os.path.getsize(path)
    response = FileResponse(StoredFileReader(storage, name), content_type=content_type)
    response.block_size = STREAM_CHUNK
    response["Content-Length"] = size
    if disposition:
        response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    for header, value in (extra_headers or {}).items():
        response[header] = value
    return response


class StoredFileReader:
    """A stored file for a streamed response, opened at the first read and closed after
    the last: a response that is never sent (a HEAD request, a test that checks the
    status) holds no open file. The response closes it too when it is closed."""

    def __init__(self, storage, name: str):
        self.storage, self.storage_name, self._file = storage, name, None

    def read(self, size: int = -1) -> bytes:
        if self._file is None:
            self._file = self.storage.open(self.storage_name, "rb")
        if self._file.closed:
            return b""
        chunk = self._file.read(size)
        if not chunk and size != 0:
            self._file.close()
        return chunk

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _signed_redirect(storage, name, content_type, disposition, public) -> HttpResponse:
    try:
        exists = storage.exists(name)
    except Exception as error:  # noqa: BLE001 - the object store is unreachable or refuses
        logger.error("Object storage cannot be asked for %r: %s", name, error)
        raise Http404("File not available.") from error
    if not exists:
        raise Http404("File not found.")
    parameters = {
        "ResponseContentType": content_type,
        # The browser may keep a public file as long as the signature lasts.
        "ResponseCacheControl": (
            f"public, max-age={SIGNED_URL_SECONDS}" if public else PRIVATE_CACHE
        ),
    }
    if disposition:
        parameters["ResponseContentDisposition"] = disposition
    url = storage.url(name, parameters=parameters, expire=SIGNED_URL_SECONDS)
    response = HttpResponseRedirect(url)
    # A public file's redirect may be reused for a while, never past the signature's
    # life; a private one is asked for again every time.
    response["Cache-Control"] = (
        f"public, max-age={SIGNED_URL_SECONDS - 60}" if public else PRIVATE_CACHE
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def zip_archive(*, texts: dict[str, str], stored: Iterable[tuple[str, str]]):
    """A ZIP file of ``texts`` (archive path → text, UTF-8) and the stored files in
    ``stored`` ((archive path, storage name) pairs), returned open and rewound. It is
    written to a temporary file on disk, which disappears when closed; an archive of at
    most ``ZIP_IN_MEMORY`` bytes is returned from memory instead. Stored files are
    copied in chunks and left uncompressed (photos and PDFs are compressed already); one
    that cannot be read is left out and logged.
    """
    archive_file = tempfile.TemporaryFile()
    with zipfile.ZipFile(archive_file, "w") as archive:
        for path, text in texts.items():
            archive.writestr(path, text.encode(), compress_type=zipfile.ZIP_DEFLATED)
        for path, name in stored:
            try:
                with default_storage.open(name, "rb") as source:
                    with archive.open(zipfile.ZipInfo(path, _zip_time()), "w") as target:
                        shutil.copyfileobj(source, target, STREAM_CHUNK)
            except Exception:  # noqa: BLE001 - one missing file must not cost the rest
                logger.exception("Stored file %r left out of an archive", name)
    small = archive_file.tell() <= ZIP_IN_MEMORY
    archive_file.seek(0)
    if small:
        with archive_file:
            return io.BytesIO(archive_file.read())
    return archive_file


def _zip_time():
    return time.localtime()[:6]


def delete_now(names: Iterable[str]) -> None:
    """Delete ``names`` from the default storage; a failure is logged, not raised."""
    for name in names:
        if not name:
            continue
        try:
            default_storage.delete(name)
        except Exception:  # noqa: BLE001 - a stray file must not break the member's action
            logger.exception("Could not delete stored file %r", name)


def delete_after_commit(names: Iterable[str]) -> None:
    """Delete ``names`` from the default storage once the current transaction commits
    (at once outside a transaction). Nothing is deleted when the transaction rolls back,
    so a failed action never leaves a row without its file."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: delete_now(names), robust=True)


def human_size(size: int) -> str:
    """A file size as a reader writes it in the language of the page: ``842 kB``,
    ``2,4 MB`` (in English ``2.4 MB``)."""
    size = max(int(size or 0), 0)
    if size < 1000:
        return ngettext("%(size)s byte", "%(size)s bytes", size) % {"size": size}
    if size < 999_500:
        return f"{round(size / 1000)} kB"
    if size < 1000**3:
        return f"{_decimal(size / 1000**2)} MB"
    return f"{_decimal(size / 1000**3)} GB"


def _decimal(value: float) -> str:
    if value >= 100:
        return str(round(value))
    return f"{value:.1f}".replace(".", get_format("DECIMAL_SEPARATOR"))
