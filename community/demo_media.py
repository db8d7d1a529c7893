"""The demo's photos and plan: drawn and typeset here (no photo of real people), added
to a demo case through the same services as a member's upload."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from community import documents, images

# (colour of the wall, colours of the notes, alt text)
PHOTOS = [
    (
        (226, 221, 208),
        [(250, 215, 90), (160, 215, 140), (250, 170, 150), (150, 200, 235)],
        "Tekening: een muur in het buurthuis vol gele, groene, roze en blauwe briefjes "
        "met ideeën van bewoners, gegroepeerd in vier kolommen.",
    ),
    (
        (205, 225, 215),
        [(255, 255, 255), (250, 215, 90)],
        "Tekening: een lange tafel met plaats voor twaalf mensen, met een groot vel papier "
        "in het midden waarop de nieuwe weekplanning van het buurthuis staat.",
    ),
]

PLAN_TITLE = "Plan van aanpak: het buurthuis van en voor bewoners"
PLAN_PAGES = [
    [
        "Plan van aanpak: het buurthuis van en voor bewoners (demo)",
        "",
        "1. Ophalen: drie weken koffie op het plein, ruim zestig gesprekken.",
        "2. Samen ontwerpen: vier avonden, vaste spreekrondes, een gespreksleider",
        "   van buiten de gemeente.",
        "3. Uitvoeren: bewoners organiseren de helft van de activiteiten.",
    ],
    [
        "Wat we meten",
        "",
        "- Hoeveel bewoners komen, en wie nog niet.",
        "- Wie de activiteiten organiseert.",
        "- Wat bewoners en collega's na een half jaar anders zouden doen.",
    ],
]


def _photo(wall, notes, *, size=(1600, 1067)) -> bytes:
    image = Image.new("RGB", size, wall)
    draw = ImageDraw.Draw(image)
    width, height = size
    columns = len(notes)
    for column, colour in enumerate(notes):
        left = int(width * (column + 0.5) / (columns + 0.5) - 90)
        for row in range(4):
            top = 140 + row * 220 + (column * 37) % 60
            draw.rectangle([left, top, left + 170, top + 160], fill=colour, outline=(90, 90, 90))
            for line in range(3):
                y = top + 40 + line * 35
                draw.line([left + 20, y, left + 140 - line * 25, y], fill=(70, 70, 70), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _plan() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(PLAN_TITLE)
    for lines in PLAN_PAGES:
        text = pdf.beginText(72, A4[1] - 96)
        text.setFont("Helvetica", 12)
        for line in lines:
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def load_media(case) -> None:
    """Two photos and the plan as a PDF, once."""
    if case.images.exists() or case.documents.exists():
        return
    for number, (wall, notes, alt_text) in enumerate(PHOTOS, start=1):
        upload = SimpleUploadedFile(f"foto-{number}.jpg", _photo(wall, notes), "image/jpeg")
        images.image_add(case=case, author=case.author, upload=upload, alt_text=alt_text)
    upload = SimpleUploadedFile("plan.pdf", _plan(), "application/pdf")
    documents.document_add(case=case, author=case.author, upload=upload, title=PLAN_TITLE)
