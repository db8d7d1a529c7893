"""PDF documents in a case: only real PDFs get in (judged by their bytes, never by their
name or the browser's content type), at most five of at most 20 MB, stored under a name
of the site's own, and always downloaded, never shown, with nosniff and a sandbox CSP;
a draft's documents are for its author and the moderators only."""

import io
import re
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript

from community import documents
from community.models import CaseDocument
from tests.community.factories import CaseFactory, ModeratorFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def pdf_bytes(pages=1, *, javascript=None, attachment=None, user_password=None,
              owner_password=None, title=None) -> bytes:  # fmt: skip
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    if attachment:
        writer.add_attachment(*attachment)
    if title:
        writer.add_metadata({"/Title": title})
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password=owner_password,
                       algorithm="AES-256")  # fmt: skip
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(data: bytes, name="plan.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def add(case, data: bytes, *, title="Plan van aanpak", name="plan.pdf"):
    return documents.document_add(
        case=case, author=case.author, upload=upload(data, name), title=title
    )


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def download(client, document):
    response = client.get(
        reverse("community:document_download", args=[document.case.slug, document.pk])
    )
    return response


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("plan.txt", "Dit is geen PDF.")
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, "PNG")
    return buffer.getvalue()


# --- What gets in -------------------------------------------------------------------


def test_a_real_pdf_is_stored_with_its_page_count_and_size(draft, media_root):
    data = pdf_bytes(pages=3)

    document = add(draft, data)

    document.refresh_from_db()
    assert (document.title, document.page_count, document.size) == (
        "Plan van aanpak", 3, len(data)
    )  # fmt: skip
    assert document.uploaded_by == draft.author
    assert re.fullmatch(rf"cases/{draft.pk}/[0-9a-f]{{32}}\.pdf", document.file.name)
    with default_storage.open(document.file.name, "rb") as stored:
        assert stored.read() == data
    assert stored_files(media_root) == [media_root / document.file.name]


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>",
        b"alert(document.cookie);\n",
        zip_bytes(),
        png_bytes(),
        b"",
    ],
    ids=["html", "javascript", "zip", "png", "empty"],
)
def test_other_files_named_pdf_are_refused_by_their_content(draft, data, media_root):
    with pytest.raises(ValidationError) as refused:
        add(draft, data, name="plan.pdf")

    assert refused.value.message_dict["file"] == [documents.NOT_A_PDF]
    assert "Dit bestand is geen PDF." in documents.NOT_A_PDF
    assert not CaseDocument.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_that_only_starts_like_a_pdf_is_refused(draft):
    with pytest.raises(ValidationError) as refused:
        add(draft, b"%PDF-1.7\n" + b"niet echt een pdf " * 200)

    assert refused.value.message_dict["file"] == [documents.NOT_A_PDF]


def test_a_pdf_behind_other_bytes_is_refused(draft):
    """Readers accept a header within the first 1024 bytes; the site does not, so a file
    cannot be an HTML page to one program and a PDF to another."""
    with pytest.raises(ValidationError):
        add(draft, b"<html><body>hallo</body></html>\n" + pdf_bytes())


def test_a_pdf_locked_with_a_password_is_refused(draft):
    with pytest.raises(ValidationError) as refused:
        add(draft, pdf_bytes(user_password="geheim", owner_password="geheim"))

    (message,) = refused.value.message_dict["file"]
    assert message.startswith("Dit PDF-bestand is beveiligd met een wachtwoord")
    assert not CaseDocument.objects.exists()


def test_a_pdf_that_anyone_may_open_but_not_change_is_accepted(draft):
    """Only an owner password (against printing or changes): it opens without one."""
    document = add(draft, pdf_bytes(pages=2, user_password="", owner_password="eigenaar"))

    assert document.page_count == 2


def test_a_pdf_without_pages_is_refused(draft):
    with pytest.raises(ValidationError) as refused:
        add(draft, pdf_bytes(pages=0))

    assert refused.value.message_dict["file"] == [documents.EMPTY_PDF]


def test_a_file_over_20_mb_is_refused_before_it_is_read(draft, media_root):
    too_large = b"%PDF-1.7\n" + b"0" * (documents.MAX_SIZE + 1 - 9)
    assert len(too_large) == 20_000_001

    with pytest.raises(ValidationError) as refused:
        add(draft, too_large)

    assert refused.value.message_dict["file"] == [documents.TOO_LARGE]
    assert "20 MB" in documents.TOO_LARGE
    assert stored_files(media_root) == []


def test_a_sixth_document_is_refused(draft):
    for number in range(5):
        add(draft, pdf_bytes(), title=f"Verslag {number + 1}")

    with pytest.raises(ValidationError) as refused:
        add(draft, pdf_bytes(), title="Verslag 6")

    assert refused.value.messages == [documents.TOO_MANY]
    assert draft.documents.count() == 5


def test_the_title_is_3_to_200_characters(draft):
    for title in ("ab", "x" * 201):
        with pytest.raises(ValidationError) as refused:
            add(draft, pdf_bytes(), title=title)
        assert refused.value.message_dict["title"] == [documents.TITLE_LENGTH]

    assert add(draft, pdf_bytes(), title="  Plan   2026 ").title == "Plan 2026"


def test_an_empty_title_becomes_the_pdfs_own_title_or_document(draft):
    assert add(draft, pdf_bytes(title="Evaluatie wijkaanpak"), title="").title == (
        "Evaluatie wijkaanpak"
    )
    assert add(draft, pdf_bytes(), title="").title == "Document"


def test_the_title_and_the_file_are_judged_together(draft):
    with pytest.raises(ValidationError) as refused:
        add(draft, png_bytes(), title="ab")

    assert set(refused.value.message_dict) == {"title", "file"}


def test_the_clients_file_name_is_never_part_of_the_stored_name(draft, media_root):
    first = add(draft, pdf_bytes(), name="../../../etc/passwd.pdf")
    second = add(draft, pdf_bytes(pages=2), name="../../../etc/passwd.pdf")
    other = CaseFactory(author=draft.author, status="draft", published_at=None)
    third = add(other, pdf_bytes(pages=3), name=first.file.name.rsplit("/", 1)[1])

    names = [first.file.name, second.file.name, third.file.name]
    assert len(set(names)) == 3, "one upload never replaces another"
    for name in names:
        assert ".." not in name and "passwd" not in name
    assert third.file.name.startswith(f"cases/{other.pk}/")
    assert sorted(stored_files(media_root)) == sorted(media_root / name for name in names)
    assert [PdfReader(media_root / name).get_num_pages() for name in names] == [1, 2, 3]


def test_only_the_author_adds_and_only_while_the_case_may_be_edited(draft):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        documents.document_add(
            case=draft, author=VerifiedUserFactory(), upload=upload(pdf_bytes()), title="Plan"
        )
    submitted = CaseFactory(author=draft.author, status="submitted", published_at=None)
    with pytest.raises(ValidationError) as refused:
        add(submitted, pdf_bytes())
    assert refused.value.messages == [documents.NOT_EDITABLE]
    assert not CaseDocument.objects.exists()


# --- Downloads ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "marker"),
    [
        ({"javascript": "app.alert('Gehackt');"}, b"/JavaScript"),
        ({"attachment": ("pagina.html", b"<script>alert(1)</script>")}, b"/EmbeddedFiles"),
    ],
    ids=["javascript", "embedded-file"],
)
def test_a_pdf_with_scripts_or_attachments_is_accepted_only_as_a_download(
    client, published, content, marker
):
    data = pdf_bytes(**content)
    assert marker in data

    document = add(published, data, title="Plan van aanpak 2026")
    response = download(client, document)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan-van-aanpak-2026.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    # The site's own policy (django-csp) would allow scripts from the site; not this one.
    policy = [part.strip() for part in response["Content-Security-Policy"].split(";")]
    assert "sandbox" in policy
    assert "default-src 'none'" in policy
    assert "script-src 'self'" not in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == data


def test_the_download_name_comes_from_the_title_never_from_the_upload(client, published):
    document = add(published, pdf_bytes(), title="Évaluatie: wijk & buurt!", name="x.html.pdf")

    response = download(client, document)

    assert response["Content-Disposition"] == 'attachment; filename="evaluatie-wijk-buurt.pdf"'


def test_a_drafts_document_is_for_its_author_and_the_moderators_only(client, draft):
    document = add(draft, pdf_bytes())

    assert download(client, document).status_code == 404
    client.force_login(VerifiedUserFactory())
    assert download(client, document).status_code == 404
    client.force_login(draft.author)
    assert download(client, document).status_code == 200
    client.force_login(ModeratorFactory())
    response = download(client, document)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_hidden_cases_document_is_gone_for_others(client, published):
    document = add(published, pdf_bytes())
    assert download(client, document).status_code == 200

    published.is_hidden = True
    published.save()

    assert download(client, document).status_code == 404
    client.force_login(VerifiedUserFactory())
    assert download(client, document).status_code == 404


def test_a_document_is_only_found_under_its_own_case(client, published, author):
    document = add(published, pdf_bytes())
    other = CaseFactory(author=author)

    response = client.get(reverse("community:document_download", args=[other.slug, document.pk]))

    assert response.status_code == 404


# --- Changing and removing ----------------------------------------------------------


def test_deleting_a_document_removes_its_file_after_commit(
    client, draft, media_root, django_capture_on_commit_callbacks
):
    document = add(draft, pdf_bytes())
    path = media_root / document.file.name
    assert path.exists()
    client.force_login(draft.author)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("community:document_delete", args=[draft.slug, document.pk]))

    assert response.status_code == 302
    assert not CaseDocument.objects.exists()
    assert not path.exists()
    assert stored_files(media_root) == []


def test_another_member_cannot_rename_or_delete_a_document(client, published, media_root):
    document = add(published, pdf_bytes())
    client.force_login(VerifiedUserFactory())

    renamed = client.post(
        reverse("community:document_update", args=[published.slug, document.pk]),
        {"title": "Overgenomen"},
    )
    deleted = client.post(reverse("community:document_delete", args=[published.slug, document.pk]))

    assert (renamed.status_code, deleted.status_code) == (404, 404)
    document.refresh_from_db()
    assert document.title == "Plan van aanpak"
    assert (media_root / document.file.name).exists()


def test_the_author_renames_a_document(client, published):
    document = add(published, pdf_bytes())
    client.force_login(published.author)

    response = client.post(
        reverse("community:document_update", args=[published.slug, document.pk]),
        {"title": "Evaluatieverslag"},
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Evaluatieverslag"
    assert download(client, document)["Content-Disposition"] == (
        'attachment; filename="evaluatieverslag.pdf"'
    )


def test_changes_to_a_published_cases_documents_are_in_the_log(published):
    from cocreatie.core.actionlog import ActionLog

    document = add(published, pdf_bytes())
    documents.document_update(document=document, author=published.author, title="Verslag")
    documents.document_delete(document=document, author=published.author)

    messages = list(
        ActionLog.objects.for_target(published).order_by("pk").values_list("message", flat=True)
    )
    assert messages == [
        "Document toegevoegd: Plan van aanpak",
        "Documenttitel gewijzigd: Plan van aanpak → Verslag",
        "Document verwijderd: Verslag",
    ]


# --- Shown with the case ------------------------------------------------------------


def test_the_case_page_lists_the_documents_as_downloads(client, published):
    document = add(published, pdf_bytes(pages=12), title="Plan van aanpak")

    html = client.get(published.get_absolute_url()).content.decode()

    url = reverse("community:document_download", args=[published.slug, document.pk])
    assert '<h2 id="documenten-titel">Documenten</h2>' in html
    assert f'href="{url}" download>Plan van aanpak <span' in html
    assert "downloaden</span></a>" in html
    assert "PDF, 12 pagina&#x27;s, " in html


def test_a_case_without_documents_has_no_documents_heading(client, published):
    assert "Documenten" not in client.get(published.get_absolute_url()).content.decode()


def test_the_case_page_fetches_its_documents_in_one_query(client, published):
    """Without the prefetch every document would cost a query of its own (N+1)."""
    add(published, pdf_bytes())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(published.get_absolute_url()).status_code == 200
        return len(queries)

    one = count()
    for number in range(4):
        add(published, pdf_bytes(), title=f"Bijlage {number}")
    assert count() == one


def test_the_moderator_sees_the_documents_in_the_review(client, author):
    case = CaseFactory(author=author, status="submitted", published_at=None)
    document = CaseDocument.objects.create(
        case=case, title="Begroting", file=f"cases/{case.pk}/x.pdf", size=2_400_000,
        page_count=1,
    )  # fmt: skip
    client.force_login(ModeratorFactory())

    html = client.get(reverse("community:moderation_case", args=[case.slug])).content.decode()

    assert reverse("community:document_download", args=[case.slug, document.pk]) in html
    assert "Begroting" in html and "PDF, 1 pagina, 2,4 MB" in html


# --- The author's page --------------------------------------------------------------


def media_page(case):
    return reverse("community:case_media", args=[case.slug])


def post_document(client, case, data: bytes, *, title="Plan van aanpak", token="", name="plan.pdf"):
    return client.post(
        reverse("community:document_add", args=[case.slug]),
        {
            "file": upload(data, name),
            "title": title,
            "form_token": token,
        },
    )


def test_the_author_adds_a_pdf_on_the_media_page(client, draft):
    client.force_login(draft.author)
    form_page = client.get(media_page(draft)).content.decode()
    assert (
        'name="file" accept="application/pdf,.pdf"' in form_page
        and 'enctype="multipart/form-data"' in form_page
    )

    response = post_document(client, draft, pdf_bytes(pages=2))

    (document,) = draft.documents.all()
    assert response.status_code == 302
    assert response["Location"] == f"{media_page(draft)}#document-{document.pk}"
    html = client.get(response["Location"]).content.decode()
    assert "Het document ‘Plan van aanpak’ is toegevoegd." in html
    assert 'id="document-' in html and "PDF, 2 pagina&#x27;s, " in html


def test_a_large_upload_is_checked_from_its_temporary_file(client, draft, settings):
    """Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE reach the check as a file on disk."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
    client.force_login(draft.author)
    data = pdf_bytes(pages=4)
    assert len(data) > 100

    post_document(client, draft, data)

    (document,) = draft.documents.all()
    assert (document.page_count, document.size) == (4, len(data))


def test_a_refused_file_keeps_the_title_the_member_typed(client, draft):
    client.force_login(draft.author)

    response = post_document(
        client, draft, b"<html><script>alert(1)</script></html>", title="Plan van aanpak 2026"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fout: " in html
    assert 'class="error-summary"' in html
    assert 'href="#id_document-file">PDF-bestand: Dit bestand is geen PDF.' in html
    assert 'value="Plan van aanpak 2026"' in html
    assert 'aria-describedby="id_document-file_helptext id_document-file_error"' in html
    assert not CaseDocument.objects.exists()


def test_a_refused_title_comes_back_with_what_was_typed(client, published):
    document = add(published, pdf_bytes())
    client.force_login(published.author)

    response = client.post(
        reverse("community:document_update", args=[published.slug, document.pk]),
        {"title": "ab"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert str(documents.TITLE_LENGTH) in html and 'value="ab"' in html
    document.refresh_from_db()
    assert document.title == "Plan van aanpak"


def test_a_sixth_upload_from_an_old_page_is_told_why(client, draft):
    for number in range(5):
        add(draft, pdf_bytes(), title=f"Verslag {number + 1}")
    client.force_login(draft.author)
    assert 'accept="application/pdf,.pdf"' not in client.get(media_page(draft)).content.decode()

    response = post_document(client, draft, pdf_bytes())

    assert response.status_code == 200
    assert str(documents.TOO_MANY) in response.content.decode()
    assert draft.documents.count() == 5


def test_sending_the_same_upload_twice_adds_it_once(client, draft):
    client.force_login(draft.author)

    first = post_document(client, draft, pdf_bytes(), token="een-token")
    second = post_document(client, draft, pdf_bytes(), token="een-token")

    assert draft.documents.count() == 1
    assert second["Location"] == first["Location"]


def test_only_the_author_of_a_case_they_may_change_adds_documents(client, draft):
    url = reverse("community:document_add", args=[draft.slug])

    anonymous = post_document(client, draft, pdf_bytes())
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/account")
    client.force_login(VerifiedUserFactory())
    assert post_document(client, draft, pdf_bytes()).status_code == 404
    client.force_login(ModeratorFactory())
    assert post_document(client, draft, pdf_bytes()).status_code == 404
    submitted = CaseFactory(author=draft.author, status="submitted", published_at=None)
    client.force_login(draft.author)
    assert post_document(client, submitted, pdf_bytes()).status_code == 404
    assert client.get(url).status_code == 405
    assert not CaseDocument.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_visitors_see_a_new_or_removed_document_at_once(client, settings, media_root):
    """The case page is cached for anonymous visitors; a document change refreshes it."""
    settings.PAGE_CACHE_SECONDS = 300
    case = CaseFactory(slug="in-de-cache")
    assert client.get(case.get_absolute_url())["X-Page-Cache"] == "miss"
    assert client.get(case.get_absolute_url())["X-Page-Cache"] == "hit"

    document = add(case, pdf_bytes(), title="Nieuw plan")
    shown = client.get(case.get_absolute_url())
    documents.document_delete(document=document, author=case.author)
    gone = client.get(case.get_absolute_url())

    assert "Nieuw plan" in shown.content.decode()
    assert "Nieuw plan" not in gone.content.decode()
    assert not (media_root / document.file.name).exists()


# --- At once ------------------------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are a PostgreSQL guarantee"
)


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the window between counting a case's documents and adding one."""
    check_room = documents._check_room

    def slowly(case):
        check_room(case)
        time.sleep(0.02)

    monkeypatch.setattr(documents, "_check_room", slowly)


def upload_at_once(case, count=12) -> list[str]:
    data = pdf_bytes()

    def add_one(number):
        try:
            documents.document_add(
                case=case, author=case.author, upload=upload(data), title=f"Verslag {number}"
            )
            return "added"
        except ValidationError as error:
            return error.messages[0]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(add_one, range(count)))


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_twelve_uploads_at_once_add_exactly_five(media_root, slow_count):
    case = CaseFactory(status="draft", published_at=None)

    results = upload_at_once(case)

    assert sorted(set(results)) == sorted({"added", documents.TOO_MANY})
    assert results.count("added") == 5
    assert case.documents.count() == 5
    assert len(stored_files(media_root)) == 5, "a refused upload leaves no file behind"


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_same_rush_adds_too_many(media_root, slow_count, monkeypatch):
    """The control: the test above would notice if the case row were not locked."""

    def unlocked(case, author):
        case = type(case).objects.get(pk=case.pk)
        documents._check_editable(case, author)
        return case

    monkeypatch.setattr(documents, "_editable_case", unlocked)
    case = CaseFactory(status="draft", published_at=None)

    upload_at_once(case)

    assert case.documents.count() > 5
