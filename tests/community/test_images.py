"""Photos in a case: only real JPEG, PNG and WebP photos get in, each is re-encoded by
the site (so no camera data, no GPS position and no hidden payload is ever stored or
served), stored in the sizes the page asks for, described for who cannot see it, and
reachable only by who may read the case. A moderator hides one photo without hiding
the case."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms, ImageFile

from cocreatie.core.models import ActionLog
from community import images
from community.models import Case, CaseImage, ModerationVerb
from tests.community.factories import CaseFactory, ModeratorFactory, VerifiedUserFactory
from tests.html import PageOutline

pytestmark = pytest.mark.django_db

ALT = "Bewoners en ambtenaren schrijven ideeën op een groot vel papier in het buurthuis."


def stored(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def photo(fmt="JPEG", size=(2400, 1600), colour=(200, 90, 40), mode="RGB", **options) -> bytes:
    """A photo made in memory: a gradient, so that it has something to compress."""
    image = Image.new(mode, size, colour)
    if mode == "RGB":
        gradient = Image.linear_gradient("L").resize(size)
        image = Image.merge("RGB", (gradient, image.getchannel("G"), image.getchannel("B")))
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def upload(data: bytes, name="foto.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def add(case, data=None, *, alt_text=ALT, name="foto.jpg"):
    """Add a photo as the case's author; by default one 1000 pixels wide (480 and 960)."""
    data = data or photo("JPEG", (1000, 640))
    return images.image_add(
        case=case, author=case.author, upload=upload(data, name), alt_text=alt_text
    )


def image_path(image, width=960, fmt="jpg"):
    return reverse(
        "community:case_image",
        kwargs={"slug": image.case.slug, "pk": image.pk, "width": width, "fmt": fmt},
    )


def refused_message(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Sizes and formats -----------------------------------------------------------------


def test_a_photo_is_stored_in_three_widths_as_webp_and_jpeg(draft, media_root):
    image = add(draft, photo("JPEG", (2400, 1600)))

    assert sorted(image.renditions, key=int) == ["480", "960", "1600"]
    assert (image.width, image.height) == (1600, 1067)
    files = stored(media_root)
    assert len(files) == 6
    for width, formats in image.renditions.items():
        assert set(formats) == {"webp", "jpeg"}
        for key, name in formats.items():
            with Image.open(media_root / name) as stored_image:
                assert stored_image.format == {"webp": "WEBP", "jpeg": "JPEG"}[key]
                assert stored_image.width == int(width)
                assert stored_image.height == round(1600 * int(width) / 2400)


@pytest.mark.parametrize(
    ("size", "widths"),
    [((1000, 700), [480, 960]), ((1600, 900), [480, 960, 1600]), ((300, 200), [300])],
)
def test_a_photo_is_never_made_larger_than_it_is(draft, size, widths):
    image = add(draft, photo("PNG", size))

    assert sorted(int(width) for width in image.renditions) == widths
    assert image.width == widths[-1]


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_taken_too_and_transparency_becomes_white(draft, media_root, fmt):
    data = photo(fmt, (600, 400), colour=(0, 0, 0, 0), mode="RGBA")

    image = add(draft, data, name="foto.png")

    with Image.open(media_root / image.renditions["480"]["jpeg"]) as stored_image:
        assert stored_image.mode == "RGB"
        assert stored_image.getpixel((10, 10)) >= (250, 250, 250)


# --- Only photos, and only their pixels ------------------------------------------------

NOT_PHOTOS = {
    "svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
    "html": b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
    "script": b"#!/bin/sh\nrm -rf /\n",
    "javascript": b"fetch('/community/mijn-gegevens/download/').then(r => r.text())",
    "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (x) >> >>"
    b"\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    "gif": b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00"
    b"\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
}


@pytest.mark.parametrize("kind", sorted(NOT_PHOTOS))
def test_a_file_that_is_not_a_photo_is_refused_whatever_it_is_called(draft, media_root, kind):
    with pytest.raises(ValidationError) as refused:
        images.image_add(
            case=draft,
            author=draft.author,
            upload=upload(NOT_PHOTOS[kind], "vakantie.jpg", "image/jpeg"),
            alt_text=ALT,
        )

    assert refused.value.message_dict == {"image": [images.NOT_A_PHOTO]}
    assert "geen foto in JPEG, PNG of WebP" in images.NOT_A_PHOTO
    assert not CaseImage.objects.exists() and stored(media_root) == []


def zip_tail() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", "<script>alert('verstopt')</script>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "tail",
    [zip_tail(), b"<html><script>alert('verstopt')</script></html>"],
    ids=["zip", "html"],
)
def test_whatever_follows_the_image_data_is_gone_from_what_is_stored_and_served(
    client, published, media_root, tail
):
    polyglot = photo("PNG", (800, 500)) + tail
    assert Image.open(io.BytesIO(polyglot)).format == "PNG"  # a valid PNG, with a tail

    image = add(published, polyglot, name="foto.png")

    for path in stored(media_root):
        data = path.read_bytes()
        assert b"verstopt" not in data and b"PK\x03\x04" not in data and b"<script" not in data
    for width in image.renditions:
        for fmt in ("webp", "jpg"):
            response = client.get(image_path(image, int(width), fmt))
            served = b"".join(response.streaming_content)
            assert served.startswith(b"RIFF" if fmt == "webp" else b"\xff\xd8")
            assert b"verstopt" not in served


def huge_png(size) -> bytes:
    """One colour, 1 bit a pixel: a file of a few kB that unpacks to ``size``."""
    buffer = io.BytesIO()
    Image.new("1", size, 1).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "size",
    [
        (10_000, 5_000),
        # As in production, where Pillow's warning above MAX_IMAGE_PIXELS is only logged.
        pytest.param(
            (10_000, 5_000),
            marks=pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
        ),
        (10_000, 9_000),  # above twice the limit Pillow refuses by itself
    ],
    ids=["50MP", "50MP-warning-ignored", "90MP"],
)
def test_a_decompression_bomb_is_refused_before_it_is_decoded(draft, media_root, monkeypatch, size):
    bomb = huge_png(size)
    assert len(bomb) < 100_000
    decoded = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(
        ImageFile.ImageFile, "load", lambda self: decoded.append(self.size) or real_load(self)
    )

    with pytest.raises(ValidationError) as refused:
        add(draft, bomb, name="bom.png")

    assert refused.value.message_dict == {"image": [images.TOO_MANY_PIXELS]}
    assert "te veel pixels (meer dan 40 megapixel)" in images.TOO_MANY_PIXELS
    assert decoded == []
    assert not CaseImage.objects.exists() and stored(media_root) == []


def test_a_photo_of_exactly_40_megapixels_is_taken(draft):
    assert Image.MAX_IMAGE_PIXELS == images.MAX_PIXELS == 40_000_000

    image = add(draft, huge_png((8_000, 5_000)), name="groot.png")

    assert (image.width, image.height) == (1600, 1000)


def test_a_file_over_10_mb_is_refused_unread(draft, media_root):
    big = SimpleUploadedFile("groot.jpg", b"\xff\xd8" + b"\x00" * 10_000_000, "image/jpeg")

    with pytest.raises(ValidationError) as refused:
        images.image_add(case=draft, author=draft.author, upload=big, alt_text=ALT)

    assert "Het maximum is 10 MB" in refused_message(refused.value)
    assert stored(media_root) == []


def test_a_broken_photo_is_refused_with_its_own_message(draft, media_root):
    truncated = photo("JPEG", (1200, 800))[:2_000]

    with pytest.raises(ValidationError) as refused:
        add(draft, truncated)

    assert refused.value.message_dict == {"image": [images.BROKEN]}
    assert stored(media_root) == []


def camera_photo() -> bytes:
    """A photo as a phone makes it: turned sideways in EXIF, with the camera's name, a
    GPS position and a colour profile."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # shot upright: turn 90° clockwise to show
    exif[ExifTags.Base.Make] = "GeheimeCamera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 5.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (5.0, 7.0, 30.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = photo("JPEG", (2000, 1000), exif=exif, icc_profile=icc)
    with Image.open(io.BytesIO(data)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test has something to lose
    return data


def test_no_exif_gps_or_profile_reaches_any_stored_file_and_the_photo_stands_upright(
    draft, media_root
):
    image = add(draft, camera_photo())

    # Turned upright: 1000 wide and 2000 high, so 480 and 960 wide.
    assert (image.width, image.height) == (960, 1920)
    files = stored(media_root)
    assert len(files) == 4
    for path in files:
        data = path.read_bytes()
        assert b"Exif" not in data and b"GeheimeCamera" not in data
        with Image.open(path) as stored_image:
            assert not stored_image.getexif()
            assert "exif" not in stored_image.info and "icc_profile" not in stored_image.info
            assert stored_image.height > stored_image.width


# --- Names from the client ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../etc/passwd.jpg", "..\\..\\x.png", "/tmp/abs.jpg"])
def test_the_name_of_the_uploaded_file_plays_no_part_in_where_it_is_stored(draft, media_root, name):
    image = add(draft, photo("JPEG", (500, 400)), name=name)

    for stored_name in image.storage_names:
        assert stored_name.startswith(f"cases/{draft.pk}/")
        assert ".." not in stored_name and "passwd" not in stored_name and "abs" not in stored_name
    assert all(
        path.is_relative_to(media_root / "cases" / str(draft.pk)) for path in stored(media_root)
    )


def test_two_photos_never_share_a_file(draft, media_root):
    first, second = add(draft, name="zelfde.jpg"), add(draft, name="zelfde.jpg")

    assert not set(first.storage_names) & set(second.storage_names)
    assert len(stored(media_root)) == 8


# --- Alt text, the maximum, who may add ---------------------------------------------------


@pytest.mark.parametrize(
    ("alt_text", "message"),
    [
        ("", "Beschrijf wat er op de foto te zien is"),
        ("   ", "Beschrijf wat er op de foto te zien is"),
        ("foto", "minstens 5 tekens"),
        ("x" * 251, "maximaal 250 tekens (nu 251)"),
    ],
)
def test_a_photo_needs_a_description_of_5_to_250_characters(draft, media_root, alt_text, message):
    with pytest.raises(ValidationError) as refused:
        add(draft, alt_text=alt_text)

    assert message in " ".join(refused.value.message_dict["alt_text"])
    assert stored(media_root) == []


def test_the_description_is_kept_as_typed_without_extra_spaces(draft):
    assert add(draft, alt_text="  Het   plein  ").alt_text == "Het plein"
    assert add(draft, alt_text="x" * 250).alt_text == "x" * 250


def test_the_ninth_photo_is_refused(draft, media_root):
    small = photo("PNG", (120, 80))
    for _ in range(images.MAX_IMAGES):
        add(draft, small)

    with pytest.raises(ValidationError) as refused:
        add(draft, small)

    assert "maximaal 8 foto's" in refused_message(refused.value)
    assert draft.images.count() == 8 and len(stored(media_root)) == 16
    assert list(draft.images.values_list("order", flat=True)) == list(range(8))


def test_only_the_author_adds_and_only_while_the_case_can_be_changed(draft, media_root):
    with pytest.raises(PermissionDenied):
        images.image_add(
            case=draft, author=VerifiedUserFactory(), upload=upload(photo()), alt_text=ALT
        )
    draft.status = Case.Status.SUBMITTED
    draft.save()
    with pytest.raises(ValidationError, match="nu niet wijzigen"):
        add(draft)
    assert stored(media_root) == []


def test_no_files_are_left_behind_when_storing_fails_halfway(draft, media_root, monkeypatch):
    real_save, calls = FileSystemStorage.save, []

    def failing_save(self, name, content, **kwargs):
        calls.append(name)
        if len(calls) == 4:
            raise OSError("disk full")
        return real_save(self, name, content, **kwargs)

    monkeypatch.setattr(FileSystemStorage, "save", failing_save)

    with pytest.raises(OSError, match="disk full"):
        add(draft)

    assert len(calls) == 4 and stored(media_root) == []
    assert not CaseImage.objects.exists()


def test_no_files_are_left_behind_when_the_row_cannot_be_written(draft, media_root, monkeypatch):
    def refuse(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(CaseImage.objects, "create", refuse)

    with pytest.raises(RuntimeError):
        add(draft)

    assert stored(media_root) == []


# --- Who sees which photo -----------------------------------------------------------------


def get_as(client, user, path):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    if response.streaming:  # read the photo to its end, which closes its file
        b"".join(response.streaming_content)
    return response


def test_a_drafts_photo_is_there_only_for_its_author_and_moderators(client, draft):
    image = add(draft)
    path = image_path(image)

    assert get_as(client, None, path).status_code == 404
    assert get_as(client, VerifiedUserFactory(), path).status_code == 404
    mine = get_as(client, draft.author, path)
    assert mine.status_code == 200 and mine["Cache-Control"] == "private, no-store"
    assert get_as(client, ModeratorFactory(), path).status_code == 200


def test_a_published_photo_is_public_and_may_be_cached(client, published):
    image = add(published)

    response = client.get(image_path(image, 480, "webp"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"].startswith("public")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"RIFF")


def test_a_hidden_photo_of_a_published_case_is_gone_for_everyone_but_author_and_moderators(
    client, published
):
    image = add(published)
    moderator = ModeratorFactory()
    images.image_hide(image=image, moderator=moderator, reason="Herkenbare kinderen.")
    path = image_path(image)

    assert get_as(client, None, path).status_code == 404
    assert get_as(client, VerifiedUserFactory(), path).status_code == 404
    mine = get_as(client, published.author, path)
    assert mine.status_code == 200 and mine["Cache-Control"] == "private, no-store"
    assert get_as(client, moderator, path).status_code == 200


@pytest.mark.parametrize(
    "kwargs",
    [{"width": 1600}, {"width": 481}, {"slug": "ander-verhaal"}],
)
def test_a_size_that_was_not_made_or_another_cases_address_is_404(client, published, kwargs):
    image = add(published, photo("JPEG", (1000, 700)))
    CaseFactory(slug="ander-verhaal")
    address = {"slug": published.slug, "pk": image.pk, "width": 960, "fmt": "jpg", **kwargs}

    assert client.get(reverse("community:case_image", kwargs=address)).status_code == 404


def test_other_formats_have_no_address(client, published):
    image = add(published)

    path = image_path(image).replace(".jpg", ".svg")
    assert client.get(path).status_code == 404


# --- The case page -----------------------------------------------------------------------


def test_the_case_page_shows_each_photo_with_sizes_formats_and_its_description(client, published):
    image = add(published, photo("JPEG", (2400, 1600)))

    html = client.get(published.get_absolute_url()).content.decode()

    assert '<source type="image/webp" srcset="' in html
    for width in (480, 960, 1600):
        assert f"{image_path(image, width, 'webp')} {width}w" in html
        assert f"{image_path(image, width, 'jpg')} {width}w" in html
    assert f'src="{image_path(image, 960, "jpg")}"' in html
    assert f'alt="{ALT}"' in html
    assert 'width="1600" height="1067" loading="lazy" decoding="async"' in html


def test_the_case_page_answers_in_as_many_queries_with_eight_photos_as_with_one(client, published):
    """The photos come with the case in one prefetch, not one query per photo."""
    small = photo("PNG", (100, 60))
    add(published, small)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(published.get_absolute_url()).status_code == 200
        return len(captured)

    one = queries()
    for _ in range(7):
        add(published, small)
    assert queries() == one


def test_hiding_a_photo_keeps_the_case_online_and_tells_the_author_why(
    client, published, django_capture_on_commit_callbacks
):
    image, other = add(published), add(published, alt_text="Het plein voor het stadhuis.")
    moderator = ModeratorFactory()
    client.force_login(moderator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:moderation_image", kwargs={"pk": image.pk, "action": "verbergen"}),
            {"reason": "Er staan herkenbare kinderen op."},
        )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.is_hidden and image.hidden_reason == "Er staan herkenbare kinderen op."
    entry = ActionLog.objects.get(verb=ModerationVerb.IMAGE_HIDE)
    assert entry.actor == moderator and entry.target == published
    assert entry.message == "Er staan herkenbare kinderen op."
    [message] = mail.outbox
    assert message.to == [published.author.email]
    assert "Er staan herkenbare kinderen op." in message.body and ALT in message.body

    client.logout()
    public = client.get(published.get_absolute_url())
    assert public.status_code == 200 and published.title in public.content.decode()
    html = public.content.decode()
    assert image_path(image, 480, "webp") not in html and ALT not in html
    assert image_path(other, 480, "webp") in html
    client.force_login(published.author)
    own = client.get(published.get_absolute_url()).content.decode()
    assert image_path(image, 480, "webp") in own
    assert "Een moderator heeft deze foto verborgen" in own
    assert "Er staan herkenbare kinderen op." in own
    client.logout()

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:moderation_image", kwargs={"pk": image.pk, "action": "terugzetten"})
        )
    image.refresh_from_db()
    assert not image.is_hidden
    assert ActionLog.objects.filter(verb=ModerationVerb.IMAGE_RESTORE, actor=moderator).exists()
    client.logout()
    assert (
        image_path(image, 480, "webp") in client.get(published.get_absolute_url()).content.decode()
    )


def test_hiding_needs_a_reason_and_a_moderator(client, published):
    image = add(published)
    client.force_login(ModeratorFactory())

    client.post(
        reverse("community:moderation_image", kwargs={"pk": image.pk, "action": "verbergen"}),
        {"reason": "  "},
    )
    image.refresh_from_db()
    assert not image.is_hidden

    client.force_login(VerifiedUserFactory())
    response = client.post(
        reverse("community:moderation_image", kwargs={"pk": image.pk, "action": "verbergen"}),
        {"reason": "Weg ermee."},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        images.image_hide(image=image, moderator=published.author, reason="Weg ermee.")
    image.refresh_from_db()
    assert not image.is_hidden


def test_the_review_page_shows_the_photos_with_hide_and_restore(client, published):
    shown = add(published)
    hidden = add(published, alt_text="Een foto die verborgen is.")
    moderator = ModeratorFactory()
    images.image_hide(image=hidden, moderator=moderator, reason="Reden om te verbergen.")
    client.force_login(moderator)

    html = client.get(reverse("community:moderation_case", args=[published.slug])).content.decode()

    assert reverse("community:moderation_image", args=[shown.pk, "verbergen"]) in html
    assert reverse("community:moderation_image", args=[hidden.pk, "terugzetten"]) in html
    assert "Foto verbergen" in html and "Foto terugzetten" in html
    assert "Verborgen. Reden: Reden om te verbergen." in html


# --- The author's page of photos ----------------------------------------------------------


def media_path(case):
    return reverse("community:case_media", kwargs={"slug": case.slug})


def test_the_author_adds_a_photo_on_the_page_of_photos_and_documents(client, draft, media_root):
    client.force_login(draft.author)
    page = client.get(media_path(draft))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert "voor wie de foto niet kan zien" in html

    response = client.post(
        media_path(draft),
        {"image": upload(photo("JPEG", (700, 500))), "alt_text": ALT},
        follow=True,
    )

    image = draft.images.get()
    assert response.redirect_chain[-1][0] == media_path(draft)
    assert "De foto is toegevoegd." in response.content.decode()
    assert image.alt_text == ALT and image.uploaded_by == draft.author
    assert image_path(image, 480, "jpg") in response.content.decode()


def test_a_refused_file_keeps_the_description_and_says_why(client, draft, media_root):
    client.force_login(draft.author)

    response = client.post(
        media_path(draft),
        {"image": upload(NOT_PHOTOS["html"], "foto.jpg"), "alt_text": ALT},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fout:" in html
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert "Dit bestand is geen foto in JPEG, PNG of WebP." in summary
    assert f"{ALT}</textarea>" in html
    assert not CaseImage.objects.exists() and stored(media_root) == []


def test_a_description_that_is_too_short_keeps_what_was_typed(client, draft):
    client.force_login(draft.author)

    response = client.post(
        media_path(draft), {"image": upload(photo("JPEG", (700, 500))), "alt_text": "foto"}
    )

    html = response.content.decode()
    assert "minstens 5 tekens" in html and "\nfoto</textarea>" in html
    assert not CaseImage.objects.exists()


def test_the_page_is_the_authors_alone_and_only_while_the_case_can_be_changed(client, draft):
    path = media_path(draft)
    assert get_as(client, None, path).status_code == 302
    assert get_as(client, VerifiedUserFactory(), path).status_code == 404
    assert get_as(client, ModeratorFactory(), path).status_code == 404
    assert get_as(client, draft.author, path).status_code == 200
    draft.status = Case.Status.SUBMITTED
    draft.save()
    assert get_as(client, draft.author, path).status_code == 404


def test_another_member_cannot_touch_the_authors_photos(client, draft):
    image = add(draft)
    client.force_login(VerifiedUserFactory())
    kwargs = {"slug": draft.slug, "pk": image.pk}

    assert (
        client.post(
            reverse("community:case_image_update", kwargs=kwargs), {"alt_text": "Mijn tekst hier"}
        ).status_code
        == 404
    )
    assert client.post(reverse("community:case_image_delete", kwargs=kwargs)).status_code == 404
    image.refresh_from_db()
    assert image.alt_text == ALT


def test_the_author_changes_a_description(client, draft):
    image = add(draft)
    client.force_login(draft.author)
    url = reverse("community:case_image_update", kwargs={"slug": draft.slug, "pk": image.pk})

    refused = client.post(url, {"alt_text": "kort"})
    assert refused.status_code == 200 and "\nkort</textarea>" in refused.content.decode()
    image.refresh_from_db()
    assert image.alt_text == ALT

    client.post(url, {"alt_text": "Het plein na de verbouwing."})
    image.refresh_from_db()
    assert image.alt_text == "Het plein na de verbouwing."


def test_deleting_a_photo_asks_first_and_removes_its_files(
    client, draft, media_root, django_capture_on_commit_callbacks
):
    image = add(draft)
    client.force_login(draft.author)
    url = reverse("community:case_image_delete", kwargs={"slug": draft.slug, "pk": image.pk})

    confirm = client.get(url)
    assert confirm.status_code == 200 and "Ja, verwijder deze foto" in confirm.content.decode()
    assert len(stored(media_root)) == 4

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302 and response["Location"] == media_path(draft)
    assert not CaseImage.objects.exists() and stored(media_root) == []


def test_a_change_to_the_photos_of_a_published_case_shows_in_its_history(published):
    image = add(published)
    images.image_update(image=image, author=published.author, alt_text="Nieuwe beschrijving.")
    images.image_delete(image=image, author=published.author)

    messages = list(
        ActionLog.objects.filter(verb=ModerationVerb.EDIT_PUBLISHED)
        .order_by("pk")
        .values_list("message", flat=True)
    )
    assert messages == [
        f"Foto toegevoegd: {ALT}",
        "Beschrijving van een foto: Nieuwe beschrijving.",
        "Foto verwijderd: Nieuwe beschrijving.",
    ]


def test_the_case_page_links_the_author_to_the_photos_page(client, draft, published):
    client.force_login(draft.author)

    for case in (draft, published):
        assert media_path(case) in client.get(case.get_absolute_url()).content.decode()
    form = client.get(reverse("community:case_update", args=[draft.slug])).content.decode()
    assert media_path(draft) in form


@pytest.mark.django_db(transaction=True)
def test_a_new_photo_shows_at_once_on_a_cached_case_page(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    case = CaseFactory(slug="in-de-cache")
    first = client.get(case.get_absolute_url())
    assert client.get(case.get_absolute_url())["X-Page-Cache"] == "hit"
    assert "<picture>" not in first.content.decode()

    image = add(case)

    response = client.get(case.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert image_path(image, 480, "webp") in response.content.decode()


def test_the_page_of_photos_has_one_label_per_field_and_unique_ids(client, draft):
    add(draft)
    second = add(draft, alt_text="Het plein voor het stadhuis.")
    client.force_login(draft.author)
    url = reverse("community:case_image_update", kwargs={"slug": draft.slug, "pk": second.pk})

    page = PageOutline(client.post(url, {"alt_text": "kort"}).content.decode())

    ids = [found["id"] for _, found in page.elements if found.get("id")]
    assert len(ids) == len(set(ids)), sorted(ident for ident in ids if ids.count(ident) > 1)
    textareas = page.find_all("textarea", name="alt_text")
    assert len(textareas) == 3  # one per photo, one to add a photo
    labels = {found["for"] for found in page.find_all("label") if found.get("for")}
    assert {textarea["id"] for textarea in textareas} <= labels
    refused = next(t for t in textareas if t["id"] == f"foto-{second.pk}-alt_text")
    assert f"foto-{second.pk}-alt_text_error" in refused["aria-describedby"]
    assert page.find_all("input", type="file", accept="image/jpeg,image/png,image/webp")


def test_sending_the_same_upload_twice_adds_one_photo(client, draft):
    client.force_login(draft.author)
    data = photo("JPEG", (700, 500))

    for _ in range(2):
        response = client.post(
            media_path(draft),
            {"image": upload(data), "alt_text": ALT, "form_token": "een-token-van-het-formulier"},
        )
        assert response.status_code == 302

    assert draft.images.count() == 1
