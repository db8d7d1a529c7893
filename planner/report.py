"""The trajectory as an A4 PDF for the team (``trajectory_pdf``): what it is about, the
team, the progress per phase with every question, the stakeholders, the meetings with
their average scores and the challenges met. With embedded DejaVu fonts, so that every
name prints (Łukasz, Şahin, Nguyễn)."""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreatie.core.pdf import fonts, pdf_language, ruled_table_style
from community.models import member_name
from planner import checklist, export
from planner.models import Trajectory


def _text(value) -> str:
    """Team text for a paragraph: escaped, its line breaks kept."""
    return escape(str(value or "")).replace("\n", "<br/>")


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def progress_text(row) -> str:
    """'Co-initiëren: 3 van 5 vragen klaar'."""
    return ngettext(
        "%(phase)s: %(finished)s van %(total)s vraag klaar",
        "%(phase)s: %(finished)s van %(total)s vragen klaar",
        row.total,
    ) % {"phase": row.phase.shown_title, "finished": row.finished, "total": row.total}


def average_text(meeting) -> str:
    if not meeting.score_count:
        return _("nog geen cijfers")
    return ngettext(
        "%(average)s (%(count)s cijfer)", "%(average)s (%(count)s cijfers)", meeting.score_count
    ) % {
        "average": formats.number_format(round(meeting.average, 1), 1),
        "count": meeting.score_count,
    }


def trajectory_pdf(trajectory: Trajectory) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
    )

    regular, bold = fonts()
    text = ParagraphStyle("text", fontName=regular, fontSize=10, leading=14, spaceAfter=6)
    small = ParagraphStyle("small", parent=text, fontSize=8.5, leading=12)
    title = ParagraphStyle("title", parent=text, fontName=bold, fontSize=20, leading=26,
                           spaceAfter=10)  # fmt: skip
    heading = ParagraphStyle("heading", parent=text, fontName=bold, fontSize=14, leading=18,
                             spaceBefore=10, spaceAfter=6)  # fmt: skip
    subheading = ParagraphStyle("subheading", parent=text, fontName=bold, fontSize=11.5,
                                leading=15, spaceBefore=6, spaceAfter=4)  # fmt: skip
    strong = ParagraphStyle("strong", parent=text, fontName=bold, spaceAfter=2)
    cell = ParagraphStyle("cell", parent=text, spaceAfter=0)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    width = A4[0] - 40 * mm

    def table(header, rows, widths):
        data = [[Paragraph(escape(label), head) for label in header]]
        data += [[Paragraph(value, cell) for value in row] for row in rows]
        shown = Table(
            data, colWidths=[width * share for share in widths], repeatRows=1, splitInRow=1
        )
        shown.setStyle(ruled_table_style(padding=3))
        return shown

    progress = checklist.phase_progress(trajectory)
    items = checklist.all_items(trajectory)
    story = [
        Paragraph(_text(trajectory.title), title),
        *[
            Paragraph(f"<b>{escape(label)}:</b> {value}", text)
            for label, value in (
                (_("Gemeente of organisatie"), _text(trajectory.organisation)),
                (_("Publieke dienst"), _text(trajectory.service)),
                (_("Doel"), _text(trajectory.goal)),
                (_("Startdatum"), escape(_date(trajectory.starts_on))),
                (_("Huidige fase"), escape(trajectory.phase.shown_title)),
            )
        ],
        Paragraph(escape(_("Team")), heading),
        table(
            [_("Naam"), _("Rol")],
            [
                [_text(member_name(membership.user)), escape(membership.get_role_display())]
                for membership in export.team(trajectory)
            ],
            [0.6, 0.4],
        ),
        Paragraph(escape(_("Voortgang per fase")), heading),
        *[Paragraph(escape(progress_text(row)), text) for row in progress],
    ]

    for row in progress:
        story.append(Paragraph(escape(row.phase.shown_title), heading))
        story.append(Paragraph(escape(progress_text(row)), small))
        for item in items.get(row.phase.pk, []):
            block = [
                Paragraph(escape(item.question.question), strong),
                Paragraph(escape(_("Status: %(status)s") % {"status": item.status_label}), small),
            ]
            if item.notes.strip():
                block.append(Paragraph(_text(item.notes.strip()), text))
            story.append(KeepTogether(block[:2]))
            story += block[2:]

    story.append(Paragraph(escape(_("Belanghebbenden")), heading))
    people = export.stakeholders(trajectory)
    if people:
        story.append(
            table(
                [_("Naam of groep"), _("Soort"), _("Belang"), _("Invloed")],
                [
                    [
                        _text(stakeholder.name),
                        escape(stakeholder.get_kind_display()),
                        str(stakeholder.interest),
                        str(stakeholder.influence),
                    ]
                    for stakeholder in people
                ],
                [0.46, 0.30, 0.12, 0.12],
            )
        )
        story.append(Paragraph(escape(_("Belang en invloed: 1 = weinig, 5 = heel veel.")), small))
        involved = [stakeholder for stakeholder in people if stakeholder.involvements.all()]
        if involved:
            story.append(Paragraph(escape(_("Hoe zij betrokken zijn")), subheading))
        for stakeholder in involved:
            story.append(Paragraph(_text(stakeholder.name), strong))
            story += [
                Paragraph(
                    f"{escape(involvement.phase.shown_title)}: {_text(involvement.description)}",
                    text,
                )
                for involvement in stakeholder.involvements.all()
            ]
    else:
        story.append(Paragraph(escape(_("Nog geen belanghebbenden.")), text))

    story.append(Paragraph(escape(_("Bijeenkomsten en co-evaluaties")), heading))
    gatherings = export.meetings(trajectory, with_scores=False)
    if gatherings:
        story.append(
            table(
                [_("Datum"), _("Soort"), _("Onderwerp"), _("Gemiddeld cijfer")],
                [
                    [
                        escape(_date(meeting.held_on)),
                        escape(meeting.get_kind_display()),
                        _text(meeting.title),
                        escape(average_text(meeting)) if meeting.is_evaluation else "",
                    ]
                    for meeting in gatherings
                ],
                [0.2, 0.18, 0.37, 0.25],
            )
        )
        for meeting in gatherings:
            parts = [
                (_("Wie deden mee"), meeting.participants),
                (_("Wat is besloten"), meeting.decisions),
                (_("Wat werkt"), meeting.what_works),
                (_("Wat werkt niet"), meeting.what_not),
            ]
            parts = [(label, value) for label, value in parts if value.strip()]
            if not parts:
                continue
            story.append(
                Paragraph(f"{_text(meeting.title)} ({escape(_date(meeting.held_on))})", subheading)
            )
            for label, value in parts:
                story.append(Paragraph(f"<b>{escape(label)}:</b> {_text(value.strip())}", text))
    else:
        story.append(Paragraph(escape(_("Nog geen bijeenkomsten.")), text))

    story.append(Paragraph(escape(_("Uitdagingen")), heading))
    met = export.challenges(trajectory)
    if met:
        story += [
            Paragraph(escape(f"{challenge.number}. {challenge.shown_title}"), text)
            for challenge in met
        ]
    else:
        story.append(Paragraph(escape(_("Nog geen uitdagingen aangevinkt.")), text))
    story += [
        Spacer(1, 6 * mm),
        Paragraph(
            escape(
                _(
                    "Gemaakt op %(date)s. Dit traject is privé: deel dit bestand alleen met wie "
                    "het mag lezen."
                )
                % {"date": _date(timezone.localdate())}  # fmt: skip
            ),
            small,
        ),
    ]

    def page_number(canvas, document):
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawRightString(
            A4[0] - 20 * mm, 10 * mm, _("Pagina %(page)s") % {"page": document.page}
        )
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=trajectory.title,
        author=settings.SITE_NAME,
        subject=_("Traject van %(organisation)s") % {"organisation": trajectory.organisation},
        lang=pdf_language(),
    )
    document.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return out.getvalue()
