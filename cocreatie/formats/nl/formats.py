"""Dates and times as Dutch readers expect them: "1 december 2026 om 13.30 uur".

Django's own names (``DATE_FORMAT`` …) plus the site's: templates write
``{{ value|date:"WEEKDAY_DATE_FORMAT" }}``, Python ``formats.date_format(value, "…")``.
"""

DATE_FORMAT = "j F Y"  # 1 december 2026
TIME_FORMAT = r"H.i \u\u\r"  # 13.30 uur
DATETIME_FORMAT = r"j F Y \o\m H.i \u\u\r"  # 1 december 2026 om 13.30 uur
MONTH_DAY_FORMAT = "j F"  # 1 december
YEAR_MONTH_FORMAT = "F Y"  # december 2026
SHORT_DATE_FORMAT = "d-m-Y"  # 01-12-2026
SHORT_DATETIME_FORMAT = "d-m-Y H.i"
WEEKDAY_DATE_FORMAT = "l j F Y"  # dinsdag 1 december 2026
WEEKDAY_DAY_FORMAT = "l j F"  # dinsdag 1 december
WEEKDAY_DATETIME_FORMAT = r"l j F Y \o\m H.i \u\u\r"  # dinsdag 1 december 2026 om 13.30 uur
CLOCK_FORMAT = "H.i"  # 13.30, where "uur" follows a range: 13.30–15.00 uur
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
