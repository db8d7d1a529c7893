"""Machine-readable moments for ``<time datetime>``: ``{{ value|iso }}``.

A built-in library (``TEMPLATES`` ``builtins``), so every template has it without a
``{% load %}``. HTML accepts ISO 8601 without fractions of a second: "2026-12-01T20:28:15+01:00"
for a moment, "2026-12-01" for a date.
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso(value) -> str:
    """``value`` (a date or an aware moment) as ISO 8601, local time, whole seconds."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
