from django import template

from ..models import euros as _euros

register = template.Library()


@register.filter
def euros(cents):
    """Integer cents as a Dutch-style euro amount: € 1.250,00."""
    return _euros(cents)
