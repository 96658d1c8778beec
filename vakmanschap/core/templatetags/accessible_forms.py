"""Render form inputs with the NL Design System classes and their accessible wiring.

`{% load accessible_forms %}{{ field|accessible }}` renders the widget with:
- `aria-describedby` naming the hint (`<id>_help`) and the error message (`<id>_error`),
  the ids that form_field.html gives those elements;
- `aria-invalid="true"` when the field has errors;
- the Utrecht component class for the kind of input (textbox, textarea, select, checkbox).
"""

from django import forms, template

register = template.Library()

_TEXT_INPUTS = (
    forms.TextInput,
    forms.EmailInput,
    forms.PasswordInput,
    forms.NumberInput,
    forms.URLInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
)


def component_class(widget, invalid: bool) -> str:
    if isinstance(widget, forms.CheckboxInput):
        base = "utrecht-checkbox utrecht-checkbox--html-input"
        state = " utrecht-checkbox--invalid"
    elif isinstance(widget, forms.Textarea):
        base = "utrecht-textarea utrecht-textarea--html-textarea"
        state = " utrecht-textarea--invalid"
    elif isinstance(widget, forms.Select) and not isinstance(
        widget, forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        base = "utrecht-select utrecht-select--html-select"
        state = " utrecht-select--invalid"
    elif isinstance(widget, _TEXT_INPUTS):
        base = "utrecht-textbox utrecht-textbox--html-input"
        state = " utrecht-textbox--invalid"
    else:
        return ""
    return base + (state if invalid else "")


def described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def accessible(field):
    """The bound field's widget, rendered with ARIA wiring and component classes."""
    if not isinstance(field, forms.BoundField):
        return field
    widget = field.field.widget
    invalid = bool(field.errors)
    attrs = {}
    classes = [widget.attrs.get("class", ""), component_class(widget, invalid)]
    css = " ".join(c for c in classes if c)
    if css:
        attrs["class"] = css
    if field.auto_id:
        if ids := described_by(field):
            attrs["aria-describedby"] = ids
    if invalid and not widget.is_hidden:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field, forms.BoundField) and isinstance(
        field.field.widget, forms.CheckboxInput
    )
