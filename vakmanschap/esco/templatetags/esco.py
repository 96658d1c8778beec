"""`{% esco_label concept %}`: the concept's label in the active language; when there is none,
the English label inside lang="en" with a visible "(EN)" marker, and for a skill its skill
group's label in the active language beside it (the reader still learns the field)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

register = template.Library()


def _language_name(code):
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def render_text(label_text):
    text, is_fallback = label_text
    language = label_text.language
    if not is_fallback or not language:
        return format_html("{}", text)
    shown = format_html(
        '<span lang="{}">{}</span> <small class="esco-fallback">({})'
        '<span class="site-visually-hidden"> {}</span></small>',
        language,
        text,
        language.upper(),
        _("not available in your language; shown in %(language)s")
        % {"language": _language_name(language)},
    )
    area = getattr(label_text, "area", "")
    if not area:
        return shown
    return format_html(
        '{} <small class="esco-area">– {}</small>', shown, _("field: %(area)s") % {"area": area}
    )


@register.simple_tag
def esco_label(concept, lang=None):
    return render_text(concept.label(lang))


@register.filter(name="esco_label")
def esco_label_filter(concept):
    return render_text(concept.label())


@register.simple_tag
def esco_text(label_text):
    """A `LabelText` (e.g. a description) with the same fallback marking."""
    return render_text(label_text)
