"""What every PDF of the site shares: DejaVu Sans embedded, so that every name prints
(Łukasz, Şahin, Nguyễn), and the document's language."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

FONTS = Path(__file__).resolve().parent / "fonts"


@cache
def fonts() -> tuple[str, str]:
    """The regular and bold font names, registered with reportlab once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONTS / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily(
        "DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
        italic="DejaVuSans", boldItalic="DejaVuSans-Bold",
    )  # fmt: skip
    return "DejaVuSans", "DejaVuSans-Bold"


def pdf_language() -> str:
    """The document's language for its metadata: "nl-NL" for Dutch."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return "nl-NL" if language == "nl" else language


def ruled_table_style(padding: int = 4):
    """A table of the site's PDFs: top-aligned cells, a line under the header and a
    thin one under every row."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.grey),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
    )
