"""Photos in a case: checked by their content, decoded and re-encoded by the site.

An upload is opened with Pillow, and only its JPEG, PNG and WebP readers may look at
the bytes (``Image.open(..., formats=...)``): a script, an HTML page, an SVG or a PDF
is refused whatever its name or the content type the browser sent. Its size in pixels
comes from the header and is checked before anything is decoded, so a small file that
would unpack to gigabytes (a decompression bomb) is refused without unpacking it. Then
the pixels are decoded, turned upright (EXIF orientation) and flattened to RGB, and
only those pixels are written: up to three widths, each as WebP and as JPEG, without
EXIF, GPS position, colour profile or whatever followed the image data in the file.
The uploaded file itself is never stored, and its name is never used.

The services (``image_add`` and the rest) are the only writes to ``CaseImage``.
"""

import io
import logging
import math
import struct
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from cocreatie.core import media
from cocreatie.core.actionlog import log_action
from cocreatie.core.content import content_changed
from cocreatie.core.i18n import for_member, site_text
from cocreatie.core.mail import send_after_commit
from community.case_media import media_changed, media_check_author
from community.models import Case, CaseImage, ModerationVerb, User
from community.permissions import is_moderator

logger = logging.getLogger(__name__)

MAX_IMAGES = 8
MAX_BYTES = 10_000_000  # 10 MB, as the interface says it (decimal, like human_size)
MAX_PIXELS = 40_000_000
ALT_TEXT_MIN, ALT_TEXT_MAX = 5, 250
# The widths stored for the page's srcset: never wider than the photo itself.
WIDTHS = (480, 960, 1600)
# The decoders that may read an upload; Pillow tries no other (no EPS, no PDF, no SVG).
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
QUALITY = 80

# Pillow refuses (DecompressionBombError) above twice this and warns above it; the
# size check in ``decode`` refuses everything above it before a pixel is decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Rendition key (in ``CaseImage.renditions``) → file extension, content type, encoder.
ENCODINGS = {
    "webp": ("webp", "image/webp", "WEBP", {"quality": QUALITY, "method": 4}),
    "jpeg": (
        "jpg",
        "image/jpeg",
        "JPEG",
        {"quality": QUALITY, "optimize": True, "progressive": True},
    ),
}
# The extension in an image URL → rendition key.
URL_FORMATS = {"webp": "webp", "jpg": "jpeg"}

NOT_A_PHOTO = gettext_lazy("Dit bestand is geen foto in JPEG, PNG of WebP. Kies een ander bestand.")
TOO_MANY_PIXELS = gettext_lazy(
    "Deze foto heeft te veel pixels (meer dan 40 megapixel). Maak de foto kleiner en "
    "probeer het opnieuw."
)
BROKEN = gettext_lazy(
    "Deze foto is beschadigd of niet helemaal opgeslagen. Sla de foto opnieuw op en "
    "probeer het nog eens."
)
ALT_TEXT_HINT = gettext_lazy(
    "Beschrijf wat er op de foto te zien is, voor wie de foto niet kan zien. Bijvoorbeeld: "
    "'Bewoners en ambtenaren schrijven ideeën op een groot vel papier in het buurthuis.' "
    "Niet: 'foto' of de bestandsnaam."
)


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    key: str  # "webp" or "jpeg"
    data: bytes


# --- Checking and re-encoding -------------------------------------------------------------


def rendition_widths(width: int) -> list[int]:
    """The widths to store for a photo ``width`` pixels wide: those of ``WIDTHS`` that
    fit, or the photo's own width when it is narrower than the smallest."""
    return [w for w in WIDTHS if w <= width] or [width]


def clean_alt_text(alt_text: str) -> str:
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise ValidationError(
            {
                "alt_text": _(
                    "Beschrijf wat er op de foto te zien is, voor wie de foto niet kan zien."
                )
            }
        )
    if len(alt_text) < ALT_TEXT_MIN:
        raise ValidationError(
            {
                "alt_text": _(
                    "Schrijf een beschrijving van minstens %(min)d tekens: "
                    "wat is er op de foto te zien?"
                )
                % {"min": ALT_TEXT_MIN}
            }
        )
    if len(alt_text) > ALT_TEXT_MAX:
        raise ValidationError(
            {
                "alt_text": _(
                    "De beschrijving is te lang: maximaal %(max)d tekens (nu %(length)d)."
                )
                % {"max": ALT_TEXT_MAX, "length": len(alt_text)}
            }
        )
    return alt_text


def _refuse(message: str) -> ValidationError:
    return ValidationError({"image": message})


def _upright_size(image: Image.Image) -> tuple[int, int]:
    """The size the photo will have once turned by its EXIF orientation."""
    try:
        orientation = image.getexif().get(0x0112)
    except (OSError, SyntaxError, ValueError, TypeError, struct.error):
        orientation = None
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def decode(upload) -> Image.Image:
    """The pixels of ``upload`` (an uploaded file), upright, in RGB, with nothing else
    of the file. ValidationError (on ``image``) when it is not a photo the site takes."""
    size = getattr(upload, "size", None)
    if not size:
        raise _refuse(_("Dit bestand is leeg. Kies een foto."))
    if size > MAX_BYTES:
        raise _refuse(
            _(
                "Deze foto is %(size)s. Het maximum is 10 MB. Maak de foto kleiner en "
                "probeer het opnieuw."
            )
            % {"size": media.human_size(size)}
        )
    upload.seek(0)
    try:
        # Reads the header only; the size check below comes before any pixel is decoded.
        image = Image.open(upload, formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _refuse(TOO_MANY_PIXELS) from error
    except UnidentifiedImageError as error:
        raise _refuse(NOT_A_PHOTO) from error
    except (OSError, SyntaxError, ValueError, struct.error) as error:
        raise _refuse(BROKEN) from error
    if image.format not in ACCEPTED_FORMATS:
        raise _refuse(NOT_A_PHOTO)
    width, height = image.size
    if width < 1 or height < 1:
        raise _refuse(BROKEN)
    if width * height > MAX_PIXELS:
        raise _refuse(TOO_MANY_PIXELS)
    # A large JPEG is decoded straight at (a little over) the largest size stored:
    # less memory, less time, the same result.
    upright_width, _height = _upright_size(image)
    scale = max(rendition_widths(upright_width)) / upright_width
    if image.format == "JPEG" and scale < 1:
        image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
    try:
        image.load()
        image = _upright(image)
        return _flatten(image)
    except (OSError, SyntaxError, ValueError, struct.error) as error:
        raise _refuse(BROKEN) from error


def _upright(image: Image.Image) -> Image.Image:
    try:
        return ImageOps.exif_transpose(image)
    except (SyntaxError, ValueError, TypeError, KeyError, struct.error):
        logger.info("Photo with unreadable EXIF orientation: kept as it is.")
        return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels in a new image of their own: transparency on white, and none of the
    original's metadata (EXIF, ICC profile, text chunks) carried along."""
    transparent = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    if transparent:
        rgba = image.convert("RGBA")
        clean = Image.new("RGB", image.size, "white")
        clean.paste(rgba, mask=rgba.getchannel("A"))
    else:
        clean = image.convert("RGB")  # a new plain image, also when it was RGB already
    clean.info = {}  # what convert() copied along: EXIF, ICC profile, PNG text chunks
    return clean


def encode(pixels: Image.Image) -> list[Rendition]:
    """``pixels`` (from ``decode``) at each width of ``rendition_widths``, as WebP and
    JPEG, with no metadata. Largest first, each smaller size made from the one before
    it: only one pass over the full photo."""
    width, height = pixels.size
    renditions = []
    source = pixels
    for target in sorted(rendition_widths(width), reverse=True):
        target_height = max(1, round(height * target / width))
        if target != source.width:
            source = source.resize(
                (target, target_height), Image.Resampling.LANCZOS, reducing_gap=2.0
            )
        for key, (_extension, _type, encoder, options) in ENCODINGS.items():
            buffer = io.BytesIO()
            source.save(buffer, encoder, **options)
            renditions.append(Rendition(target, target_height, key, buffer.getvalue()))
    return renditions


def _store(case: Case, renditions: list[Rendition]) -> dict:
    """Write the renditions under fresh names in the case's folder; on any failure the
    files written so far are deleted again."""
    stored: dict[str, dict[str, str]] = {}
    written: list[str] = []
    try:
        for rendition in renditions:
            extension = ENCODINGS[rendition.key][0]
            name = media.save(f"cases/{case.pk}/photo.{extension}", ContentFile(rendition.data))
            written.append(name)
            stored.setdefault(str(rendition.width), {})[rendition.key] = name
    except BaseException:
        media.delete_now(written)
        raise
    return stored


# --- Who may see which ---------------------------------------------------------------------


def images_visible_to(user) -> QuerySet[CaseImage]:
    """The images a user sees of the cases they may see: all for moderators, hidden
    ones also for the case's author, the others for everyone."""
    images = CaseImage.objects.all()
    if is_moderator(user):
        return images
    if user.is_authenticated:
        return images.filter(Q(is_hidden=False) | Q(case__author_id=user.pk))
    return images.filter(is_hidden=False)


def may_see(image: CaseImage, case: Case, user) -> bool:
    """For a case ``user`` may see: whether they may see this image of it."""
    if not image.is_hidden:
        return True
    return is_moderator(user) or (user.is_authenticated and case.author_id == user.pk)


def image_url(image: CaseImage, *, slug: str, width: int, key: str) -> str:
    extension = ENCODINGS[key][0]
    return reverse(
        "community:case_image",
        kwargs={"slug": slug, "pk": image.pk, "width": width, "fmt": extension},
    )


@dataclass(frozen=True)
class Picture:
    """What ``<picture>`` needs of one image: the srcset per format, the fallback."""

    image: CaseImage
    webp_srcset: str
    jpeg_srcset: str
    src: str
    thumbnail: str  # the smallest JPEG, for a preview


def picture(image: CaseImage, *, slug: str) -> Picture:
    widths = sorted(int(width) for width in image.renditions)

    def srcset(key):
        return ", ".join(
            f"{image_url(image, slug=slug, width=width, key=key)} {width}w"
            for width in widths
            if key in image.renditions[str(width)]
        )

    # The fallback: 960 wide where there is one, else the largest below it.
    fallback = max((w for w in widths if w <= 960), default=widths[0]) if widths else 0
    src = image_url(image, slug=slug, width=fallback, key="jpeg") if widths else ""
    thumbnail = image_url(image, slug=slug, width=widths[0], key="jpeg") if widths else ""
    return Picture(image, srcset("webp"), srcset("jpeg"), src, thumbnail)


# --- Services -------------------------------------------------------------------------------


NOT_EDITABLE = gettext_lazy("De foto's van dit praktijkverhaal kun je nu niet wijzigen.")


def _check_author(case: Case, author: User) -> None:
    media_check_author(case, author, refused=NOT_EDITABLE)


def _too_many() -> ValidationError:
    return ValidationError(
        _(
            "Je kunt maximaal %(count)d foto's bij een praktijkverhaal zetten. Verwijder "
            "eerst een foto als je een andere wilt toevoegen."
        )
        % {"count": MAX_IMAGES}
    )


@transaction.atomic
def image_add(*, case: Case, author: User, upload, alt_text: str) -> CaseImage:
    """Add a photo to the author's own case, at most ``MAX_IMAGES`` per case.

    ValidationError on ``image`` (not a photo we take, too large, too many pixels), on
    ``alt_text`` (missing, too short or long), or without a field (the case cannot be
    changed now, or has its maximum of photos)."""
    _check_author(case, author)
    alt_text = clean_alt_text(alt_text)
    if case.images.count() >= MAX_IMAGES:  # before the work of decoding
        raise _too_many()
    pixels = decode(upload)
    renditions = encode(pixels)
    largest = max(renditions, key=lambda rendition: rendition.width)

    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_author(case, author)
    if case.images.count() >= MAX_IMAGES:
        raise _too_many()
    stored = _store(case, renditions)
    try:
        last = case.images.aggregate(last=Max("order"))["last"]
        image = CaseImage.objects.create(
            case=case,
            uploaded_by=author,
            alt_text=alt_text,
            width=largest.width,
            height=largest.height,
            renditions=stored,
            order=0 if last is None else last + 1,
        )
        media_changed(
            case,
            editor=author,
            message=site_text(
                gettext_lazy("Foto toegevoegd: %(description)s"), description=alt_text
            ),
        )
    except BaseException:
        media.delete_now(name for formats in stored.values() for name in formats.values())
        raise
    return image


def _locked_image(image: CaseImage) -> CaseImage:
    return CaseImage.objects.select_for_update().select_related("case").get(pk=image.pk)


@transaction.atomic
def image_update(
    *, image: CaseImage, author: User, alt_text: str, order: int | None = None
) -> CaseImage:
    """Change the description (and, when given, the place) of a photo of the author's
    own case."""
    image = _locked_image(image)
    case = image.case
    _check_author(case, author)
    alt_text = clean_alt_text(alt_text)
    changed = alt_text != image.alt_text
    image.alt_text = alt_text
    if order is not None:
        if order < 0:
            raise ValidationError({"order": _("Kies een plaats van 0 of hoger.")})
        changed = changed or order != image.order
        image.order = order
    if changed:
        image.save(update_fields=["alt_text", "order"])
        media_changed(
            case,
            editor=author,
            message=site_text(
                gettext_lazy("Beschrijving van een foto: %(description)s"), description=alt_text
            ),
        )
    return image


@transaction.atomic
def image_delete(*, image: CaseImage, author: User) -> None:
    """Remove a photo from the author's own case; its files go once this commits."""
    image = _locked_image(image)
    case = image.case
    _check_author(case, author)
    names = image.storage_names
    alt_text = image.alt_text
    image.delete()
    media.delete_after_commit(names)
    media_changed(
        case,
        editor=author,
        message=site_text(gettext_lazy("Foto verwijderd: %(description)s"), description=alt_text),
    )


@transaction.atomic
def image_hide(*, image: CaseImage, moderator: User, reason: str) -> CaseImage:
    """Hide one photo of a case (the case stays as it is), with a reason the author
    receives by mail."""
    if not is_moderator(moderator):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Schrijf op waarom je deze foto verbergt."))
    image = _locked_image(image)
    if image.is_hidden:
        raise ValidationError(_("Deze foto is al verborgen."))
    image.is_hidden, image.hidden_reason = True, reason
    image.save(update_fields=["is_hidden", "hidden_reason"])
    case = image.case
    log_action(
        actor=moderator, verb=ModerationVerb.IMAGE_HIDE, target=case, message=reason,
        data={"image": image.pk, "alt_text": image.alt_text},
    )  # fmt: skip
    content_changed(case)
    if case.author:
        with for_member(case.author):
            send_after_commit(
                "case_image_hidden", {"case": case, "image": image, "reason": reason},
                [case.author.email],
            )  # fmt: skip
    return image


@transaction.atomic
def image_restore(*, image: CaseImage, moderator: User) -> CaseImage:
    """Show a hidden photo again; the author is told."""
    if not is_moderator(moderator):
        raise PermissionDenied
    image = _locked_image(image)
    if not image.is_hidden:
        raise ValidationError(_("Deze foto is niet verborgen."))
    image.is_hidden, image.hidden_reason = False, ""
    image.save(update_fields=["is_hidden", "hidden_reason"])
    case = image.case
    log_action(
        actor=moderator, verb=ModerationVerb.IMAGE_RESTORE, target=case,
        data={"image": image.pk, "alt_text": image.alt_text},
    )  # fmt: skip
    content_changed(case)
    if case.author:
        with for_member(case.author):
            send_after_commit(
                "case_image_restored", {"case": case, "image": image}, [case.author.email]
            )
    return image
