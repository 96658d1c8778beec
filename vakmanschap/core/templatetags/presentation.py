"""{% load presentation %}: amounts, dates and moments in the reader's language (core.presentation)."""

from django import template

from vakmanschap.core import coded as coded_texts
from vakmanschap.core import presentation

register = template.Library()


@register.filter
def euros(cents):
    """{{ amount_cents|euros }} → "€ 1.234,56" (Dutch) or "€1,234.56" (English)."""
    return presentation.format_euros(cents)


@register.filter(expects_localtime=True)
def day(value):
    """{{ date|day }} → "30 mei 2027" / "30 May 2027"."""
    return presentation.format_day(value)


@register.filter(expects_localtime=True)
def moment(value):
    """{{ datetime|moment }} → "30 mei 2027 14:05" / "30 May 2027 14:05" (local time)."""
    return presentation.format_moment(value)


@register.filter
def month(value):
    """{{ date|month }} → "mei 2027" / "May 2027"."""
    return presentation.format_month(value)


@register.filter
def coded(stored):
    """{{ entry.description|coded }}: a stored code in the reader's language, free text as is."""
    return coded_texts.render(stored)


@register.filter
def logged_state(entry):
    """{{ state_log_entry|logged_state }}: the label of the state a transition led to, in the
    reader's language ("Ingediend"), not its code ("submitted")."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    try:
        choices = dict(model._meta.get_field("state").flatchoices) if model else {}
    except Exception:  # a model without a `state` field: show the code
        choices = {}
    return str(choices.get(entry.state, entry.state))
