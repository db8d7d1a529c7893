"""PDF documents in a case: the content check and the writes.

A file is a document when its bytes say so, never because of its name or the content type
the browser sent: it starts with ``%PDF-`` and pypdf opens it and counts at least one
page. A PDF may carry JavaScript or embedded files; the site accepts those, because it
never shows a document itself: every download is an attachment with ``nosniff`` and a
``sandbox`` CSP (``community.document_views``), so a browser's own viewer cannot run it in
the site's origin.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from cocreatie.core import media
from cocreatie.core.i18n import site_text
from community.case_media import media_changed, media_check_author
from community.models import Case, CaseDocument, User

MAX_DOCUMENTS = 5
# Decimal megabytes, as the site writes sizes (cocreatie.core.media.human_size): a file
# shown as "20,0 MB" is still accepted, one of "20,1 MB" is not.
MAX_SIZE = 20 * 1000 * 1000
TITLE_MIN, TITLE_MAX = 3, 200
DEFAULT_TITLE = gettext_lazy("Document")
# Only at the very start. Readers also accept a header within the first 1024 bytes, but
# every PDF writer puts it first; allowing junk before it is what lets a file be an HTML
# page or a ZIP archive to one program and a PDF to another.
PDF_SIGNATURE = b"%PDF-"

NOT_A_PDF = gettext_lazy("Dit bestand is geen PDF. Kies een PDF-bestand.")
ENCRYPTED = gettext_lazy(
    "Dit PDF-bestand is beveiligd met een wachtwoord. Bewaar het zonder wachtwoord en "
    "probeer het opnieuw."
)
TOO_LARGE = gettext_lazy(
    "Dit bestand is groter dan 20 MB. Maak het kleiner of splits het in delen."
)
TOO_MANY = lazy(
    lambda: (
        ngettext(
            "Een praktijkverhaal heeft hooguit %(count)d document. Verwijder er eerst een.",
            "Een praktijkverhaal heeft hooguit %(count)d documenten. Verwijder er eerst een.",
            MAX_DOCUMENTS,
        )
        % {"count": MAX_DOCUMENTS}
    ),
    str,
)()
EMPTY_PDF = gettext_lazy("Dit PDF-bestand heeft geen pagina's.")
TITLE_LENGTH = lazy(
    lambda: (
        _("Geef het document een titel van %(min)d tot %(max)d tekens.")
        % {"min": TITLE_MIN, "max": TITLE_MAX}
    ),
    str,
)()
NOT_EDITABLE = gettext_lazy("Dit praktijkverhaal kun je nu niet wijzigen.")

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class PdfFacts:
    page_count: int
    title: str  # the document's own /Title, cleaned; "" when it has none


def pdf_inspect(upload) -> PdfFacts:
    """What the site needs to know of an uploaded PDF, or a ``ValidationError`` with a
    Dutch message when the bytes are not a PDF that opens without a password."""
    upload.seek(0)
    if upload.read(len(PDF_SIGNATURE)) != PDF_SIGNATURE:
        raise ValidationError(NOT_A_PDF, code="not_pdf")
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise ValidationError(ENCRYPTED, code="encrypted")
        page_count = len(reader.pages)
        if page_count:
            reader.pages[0].mediabox  # noqa: B018 - the first page is a page, not junk
        title = _metadata_title(reader)
    except ValidationError:
        raise
    except (FileNotDecryptedError, DependencyError) as error:
        # Encrypted with a method the reader cannot undo: it cannot be read either.
        raise ValidationError(ENCRYPTED, code="encrypted") from error
    except Exception as error:  # noqa: BLE001 - a parser fed untrusted bytes may fail in any way
        raise ValidationError(NOT_A_PDF, code="not_pdf") from error
    finally:
        upload.seek(0)
    if page_count < 1:
        raise ValidationError(EMPTY_PDF, code="no_pages")
    return PdfFacts(page_count=page_count, title=title)


def _metadata_title(reader: PdfReader) -> str:
    metadata = reader.metadata
    title = metadata.title if metadata is not None else None
    if not isinstance(title, str):
        return ""
    title = " ".join(CONTROL_CHARACTERS.sub(" ", title).split())
    return title if TITLE_MIN <= len(title) <= TITLE_MAX else ""


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        raise ValidationError({"title": ValidationError(TITLE_LENGTH, code="title_length")})
    return title


def _check_editable(case: Case, author: User) -> None:
    media_check_author(case, author, refused=NOT_EDITABLE)


def _editable_case(case: Case, author: User) -> Case:
    """The case row, locked, when ``author`` may change its documents now."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_editable(case, author)
    return case


def _check_room(case: Case) -> None:
    if case.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError(TOO_MANY, code="too_many")


@transaction.atomic
def document_add(*, case: Case, author: User, upload, title: str = "") -> CaseDocument:
    """Add the PDF ``upload`` to ``case``. An empty ``title`` becomes the PDF's own title
    (when it has a usable one) or "Document". The file gets a random name of the site's
    own in the case's folder."""
    # Checked first without the lock, so no file is read for nothing, and again on the
    # locked row after the (slow) read of the file: that check decides.
    _check_editable(case, author)
    _check_room(case)
    errors = {}
    title = " ".join((title or "").split())
    if title:
        try:
            title = _clean_title(title)
        except ValidationError as error:
            errors.update(error.error_dict)
    size = upload.size
    facts = None
    if size is None or size > MAX_SIZE:
        errors["file"] = [ValidationError(TOO_LARGE, code="too_large")]
    else:
        try:
            facts = pdf_inspect(upload)
        except ValidationError as error:
            errors["file"] = error.error_list
    if errors:
        raise ValidationError(errors)
    case = _editable_case(case, author)
    _check_room(case)
    title = title or facts.title or str(DEFAULT_TITLE)
    document = CaseDocument(
        case=case,
        uploaded_by=author,
        title=title,
        size=size,
        page_count=facts.page_count,
        order=(case.documents.aggregate(last=Max("order"))["last"] or 0) + 1,
    )
    # The name given here is only a placeholder: upload_to makes the stored name.
    document.file.save("document.pdf", upload, save=False)
    try:
        document.save()
        media_changed(
            case,
            editor=author,
            message=site_text(gettext_lazy("Document toegevoegd: %(title)s"), title=title),
        )
    except Exception:
        media.delete_now(document.storage_names)  # no row, so no file either
        raise
    return document


@transaction.atomic
def document_update(*, document: CaseDocument, author: User, title: str) -> CaseDocument:
    case = _editable_case(document.case, author)
    document = CaseDocument.objects.select_for_update().get(pk=document.pk, case=case)
    title = _clean_title(title)
    if title != document.title:
        previous, document.title = document.title, title
        document.save(update_fields=["title"])
        media_changed(
            case,
            editor=author,
            message=site_text(
                gettext_lazy("Documenttitel gewijzigd: %(previous)s → %(title)s"),
                previous=previous,
                title=title,
            ),
        )
    return document


@transaction.atomic
def document_delete(*, document: CaseDocument, author: User) -> None:
    case = _editable_case(document.case, author)
    document = CaseDocument.objects.select_for_update().get(pk=document.pk, case=case)
    names, title = document.storage_names, document.title
    document.delete()
    media.delete_after_commit(names)
    media_changed(
        case,
        editor=author,
        message=site_text(gettext_lazy("Document verwijderd: %(title)s"), title=title),
    )


def download_filename(document: CaseDocument) -> str:
    """The name a download is saved under: the title, never the uploaded file's name."""
    return f"{slugify(document.title)[:80].strip('-') or 'document'}.pdf"
