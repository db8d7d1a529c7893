"""Spreadsheets the way Dutch Excel opens them without asking: CSV in UTF-8 with a
byte-order mark, ``;`` between cells, dates as ``dd-mm-jjjj hh:mm`` in Amsterdam time,
and no cell a spreadsheet would run as a formula."""

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV
# injection); tab and carriage return let a formula hide behind white space.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value) -> str:
    """``value`` as text a spreadsheet shows as it is and never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def spreadsheet_date(value: datetime) -> str:
    return timezone.localtime(value, AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def spreadsheet(rows: Iterable[Iterable]) -> str:
    """CSV that Dutch Excel opens as columns, with every cell made safe."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    for row in rows:
        writer.writerow([spreadsheet_cell(value) for value in row])
    return out.getvalue()


def spreadsheet_response(content: str, filename: str) -> HttpResponse:
    """``content`` (from ``spreadsheet``) as a download that no cache keeps."""
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
