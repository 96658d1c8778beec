from django import template

from vakmanschap.core.money import format_euros

register = template.Library()


@register.filter
def euros(cents):
    """{{ amount_cents|euros }} → "€ 1.234,56" (Dutch) or "€1,234.56" (English)."""
    return format_euros(cents)
