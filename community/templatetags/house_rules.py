"""``{% load house_rules %}``: the house rule behind a decision's ground."""

from django import template

from community import house_rules

register = template.Library()


@register.filter
def house_rule(key: str):
    """``{{ decision.ground|house_rule }}``: the ``HouseRule``, or None for no ground."""
    return house_rules.get(key)


@register.simple_tag
def house_rule_choices():
    """``{% house_rule_choices as rules %}``: (key, title) of every rule, for a select."""
    return house_rules.choices()
