from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.limits import validate_no_duplicates

SCALE = [
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
]


def field_name(item_id: int) -> str:
    return f"item_{item_id}"


class ScanForm(forms.Form):
    """One required 1–5 choice per statement of the questionnaire."""

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        for _dimension, items in structure:
            for item in items:
                self.fields[field_name(item.pk)] = forms.TypedChoiceField(
                    label=item.text,
                    choices=SCALE,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer for this statement.")},
                )

    def sections(self):
        """[(dimension, [bound fields])] for the template."""
        return [(d, [self[field_name(i.pk)] for i in items]) for d, items in self.structure]

    def answers(self) -> dict[str, int]:
        return {name.removeprefix("item_"): value for name, value in self.cleaned_data.items()}


class InviteEmployeesForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of employees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line. Each person gets their own anonymous link; the addresses are not stored."
        ),
    )
    extra_links = forms.IntegerField(
        label=_("Extra links to hand out yourself"),
        required=False,
        min_value=0,
        max_value=200,
        initial=0,
        help_text=_("For employees without e-mail. The links are shown once."),
    )

    def clean_emails(self):
        emails = [
            line.strip()
            for line in self.cleaned_data["emails"].replace(",", "\n").splitlines()
            if line.strip()
        ]
        bad = []
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                bad.append(email)
        if bad:
            raise forms.ValidationError(
                _("Not an e-mail address: %(list)s") % {"list": ", ".join(bad)}
            )
        if len(emails) > 500:
            raise forms.ValidationError(_("At most 500 addresses at a time."))
        emails = [e.lower() for e in emails]
        validate_no_duplicates(emails)
        return sorted(emails)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("emails") and not cleaned.get("extra_links") and not self.errors:
            self.add_error("emails", _("Enter at least one e-mail address or ask for extra links."))
        return cleaned
