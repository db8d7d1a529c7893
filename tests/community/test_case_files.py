"""The files of a case live as long as its rows: a photo, a document, a case or an
account deleted takes its files out of storage (after the deletion commits); the
member's download holds the files of their own cases. Real files, in a temporary
MEDIA_ROOT."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse

from cocreatie.core import media
from community import services
from community.models import Case, CaseDocument, CaseImage, Report
from tests.community.data_download import download_my_data
from tests.community.factories import CaseFactory, ModeratorFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def add_image(case, alt_text="Bewoners aan tafel in het buurthuis", *, order=0):
    """A photo row as the upload leaves it: three widths, WebP and JPEG, each a file."""
    renditions = {}
    for width in (480, 960, 1600):
        renditions[str(width)] = {
            kind: media.save(f"cases/{case.pk}/image.{ext}", ContentFile(f"{kind}{width}".encode()))
            for kind, ext in (("webp", "webp"), ("jpeg", "jpg"))
        }
    return CaseImage.objects.create(
        case=case, uploaded_by=case.author, alt_text=alt_text, width=1600, height=1200,
        renditions=renditions, order=order,
    )  # fmt: skip


def add_document(case, title="Plan van aanpak", *, content=PDF):
    document = CaseDocument(
        case=case, uploaded_by=case.author, title=title, size=len(content), page_count=3
    )
    document.file.save("../../../client-name.pdf", ContentFile(content), save=False)
    document.save()
    return document


def stored(*items) -> list[str]:
    return [name for item in items for name in item.storage_names]


def exist(names) -> list[bool]:
    return [default_storage.exists(name) for name in names]


# --- Deleting rows deletes files --------------------------------------------------------


def test_the_client_name_of_a_document_is_not_its_stored_name():
    document = add_document(CaseFactory())

    assert document.file.name.startswith(f"cases/{document.case_id}/")
    assert "client-name" not in document.file.name and ".." not in document.file.name


def test_a_deleted_photo_takes_its_files_along_once_committed(
    django_capture_on_commit_callbacks,
):
    case = CaseFactory()
    image, other = add_image(case), add_image(case, order=1)
    names = stored(image)
    assert len(names) == 6 and all(exist(names))

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert not any(exist(names))
    assert all(exist(stored(other)))


def test_a_deletion_that_rolls_back_keeps_the_files(django_capture_on_commit_callbacks):
    case = CaseFactory()
    image, document = add_image(case), add_document(case)
    names = stored(image, document)

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            Case.objects.filter(pk=case.pk).delete()
            raise RuntimeError("something else failed")

    assert Case.objects.filter(pk=case.pk).exists()
    assert all(exist(names))


def test_a_deleted_case_takes_all_its_photos_and_documents(
    media_root, django_capture_on_commit_callbacks
):
    case = CaseFactory(status="draft", published_at=None)
    items = [add_image(case), add_image(case, order=1), add_document(case)]
    names = stored(*items)
    keep = stored(add_image(CaseFactory()))
    folder = media_root / "cases" / str(case.pk)

    with django_capture_on_commit_callbacks(execute=True):
        case.delete()

    assert not any(exist(names))
    assert not any(path.is_file() for path in folder.iterdir())
    assert all(exist(keep))


def test_deleting_the_account_removes_the_files_of_drafts_and_keeps_the_published(
    client, django_capture_on_commit_callbacks
):
    member = VerifiedUserFactory()
    draft = CaseFactory(author=member, status="draft", published_at=None)
    published = CaseFactory(author=member)
    draft_files = stored(add_image(draft), add_document(draft))
    published_files = stored(add_image(published), add_document(published))
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("community:my_data"), {"confirm": "VERWIJDEREN"})

    assert response.status_code == 302
    assert not any(exist(draft_files))
    # A published case stays as 'voormalig lid', with its photos and documents.
    assert all(exist(published_files))


def test_deleting_the_account_with_its_content_removes_every_file(
    client, django_capture_on_commit_callbacks
):
    member = VerifiedUserFactory()
    cases = [CaseFactory(author=member), CaseFactory(author=member, status="submitted")]
    names = stored(*(item for case in cases for item in (add_image(case), add_document(case))))
    others = stored(add_image(CaseFactory()), add_document(CaseFactory()))
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:my_data"), {"confirm": "VERWIJDEREN", "delete_content": "on"}
        )

    assert not Case.objects.filter(pk__in=[case.pk for case in cases]).exists()
    assert not any(exist(names))
    assert all(exist(others))


def test_a_reported_case_keeps_its_files_as_evidence_until_the_report_is_settled(
    django_capture_on_commit_callbacks,
):
    member = VerifiedUserFactory()
    case = CaseFactory(author=member)
    names = stored(add_image(case), add_document(case))
    report = services.report_create(reporter=VerifiedUserFactory(), item=case, reason="spam")

    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=member, delete_content=True)

    assert all(exist(names))  # the moderators still need to see what was reported

    with django_capture_on_commit_callbacks(execute=True):
        services.report_resolve(
            report=Report.objects.get(pk=report.pk), moderator=ModeratorFactory()
        )

    assert not CaseImage.objects.filter(case=case).exists()
    assert not any(exist(names))


# --- The member's download ---------------------------------------------------------------


def test_the_download_holds_the_files_of_the_members_own_cases(client):
    member = VerifiedUserFactory()
    case = CaseFactory(author=member, slug="buurtgesprekken-speeltuin")
    add_image(case, "Kinderen tekenen de nieuwe speeltuin", order=0)
    hidden = add_image(case, "Wethouder opent het gesprek", order=1)
    hidden.is_hidden = True
    hidden.save()
    add_document(case, "Evaluatie 2024: wat vonden bewoners?", content=PDF + b"evaluatie")
    add_image(CaseFactory(title="Van een ander"), "Foto van iemand anders")
    client.force_login(member)

    data, archive = download_my_data(client)

    folder = "bestanden/buurtgesprekken-speeltuin"
    assert sorted(archive.namelist()) == [
        f"{folder}/1-evaluatie-2024-wat-vonden-bewoners.pdf",
        f"{folder}/1-kinderen-tekenen-de-nieuwe-speeltuin.jpg",
        f"{folder}/2-wethouder-opent-het-gesprek.jpg",
        "gegevens.json",
    ]
    # The largest JPEG of each photo, the PDF as uploaded.
    assert archive.read(f"{folder}/1-kinderen-tekenen-de-nieuwe-speeltuin.jpg") == b"jpeg1600"
    assert archive.read(f"{folder}/1-evaluatie-2024-wat-vonden-bewoners.pdf") == (
        PDF + b"evaluatie"
    )
    (exported,) = data["cases"]
    assert [
        (image["alt_text"], image["width"], image["height"], image["size"], image["hidden"])
        for image in exported["images"]
    ] == [
        ("Kinderen tekenen de nieuwe speeltuin", 1600, 1200, len(b"jpeg1600"), False),
        ("Wethouder opent het gesprek", 1600, 1200, len(b"jpeg1600"), True),
    ]
    assert exported["images"][0]["file"] == f"{folder}/1-kinderen-tekenen-de-nieuwe-speeltuin.jpg"
    assert [
        (document["title"], document["size"], document["pages"], document["file"])
        for document in exported["documents"]
    ] == [
        (
            "Evaluatie 2024: wat vonden bewoners?",
            len(PDF + b"evaluatie"),
            3,
            f"{folder}/1-evaluatie-2024-wat-vonden-bewoners.pdf",
        )
    ]
    assert b"Foto van iemand anders" not in archive.read("gegevens.json")


def test_a_file_missing_from_storage_leaves_the_rest_of_the_download_intact(client):
    member = VerifiedUserFactory()
    case = CaseFactory(author=member, slug="wijkfeest")
    image = add_image(case, "Het wijkfeest op het plein")
    add_document(case, "Draaiboek")
    default_storage.delete(image.renditions["1600"]["jpeg"])
    client.force_login(member)

    data, archive = download_my_data(client)

    assert archive.namelist() == ["gegevens.json", "bestanden/wijkfeest/1-draaiboek.pdf"]
    (exported,) = data["cases"][0]["images"]
    assert exported["alt_text"] == "Het wijkfeest op het plein"
    assert exported["file"] is None and exported["size"] is None
