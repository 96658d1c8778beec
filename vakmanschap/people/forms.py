from django import forms
from django.core.validators import MaxLengthValidator
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.roles import OrganisationKind
from vakmanschap.core.limits import FREE_TEXT_MAX_CHARS, SEARCH_MAX_CHARS, validate_birth_date
from vakmanschap.organisations.models import Organisation

from . import privacy_statements
from .choices import Triage
from .models import Participant

CONSENT_PURPOSE = _("Guidance towards training, and its funding, by the fund")

SIGN_UP_FIELDS = [
    "given_name",
    "family_name",
    "birth_date",
    "postcode",
    "municipality",
    "email",
    "phone",
    "education_level",
    "work_situation",
    "current_job",
    "training_wish",
]


def name_version_in(field, text, statement) -> None:
    """A consent checkbox names the privacy statement's version and links to that version."""
    field.label = text % {"v": statement.version}
    field.help_text = format_html(
        '<a class="utrecht-link" href="{}">{}</a>',
        reverse("ui:privacy_statement_version", args=[statement.version]),
        gettext("Read privacy statement version %(v)s") % {"v": statement.version},
    )


class ParticipantForm(forms.ModelForm):
    """An advisor signs a resident up on their behalf."""

    class Meta:
        model = Participant
        fields = SIGN_UP_FIELDS
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "training_wish": forms.Textarea(attrs={"rows": 4}),
            "postcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            # Suggestions from the skills engine while typing (a plain text field without JS).
            "current_job": forms.TextInput(
                attrs={
                    "list": "job-title-suggestions",
                    "hx-get": reverse_lazy("skills:title_suggestions"),
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#job-title-suggestions",
                    "autocomplete": "off",
                }
            ),
        }

    consent = forms.BooleanField(
        error_messages={"required": _("Without consent we cannot process the sign-up.")},
    )
    consent_text = _(
        "The resident agrees that the fund processes these data for guidance towards "
        "training and its funding (privacy statement version %(v)s)."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The version in force now: the label names it, the link opens it, the view stores it.
        self.privacy_statement = privacy_statements.current()
        name_version_in(self.fields["consent"], self.consent_text, self.privacy_statement)
        self.fields["birth_date"].validators.append(validate_birth_date)
        wish = self.fields["training_wish"]
        wish.max_length = FREE_TEXT_MAX_CHARS
        wish.validators.append(MaxLengthValidator(FREE_TEXT_MAX_CHARS))
        wish.widget.attrs["maxlength"] = str(FREE_TEXT_MAX_CHARS)

    def _get_validation_exclusions(self):
        # The municipality's choice field has just read its row: the model's check that the row
        # exists would read it again (a query per sign-up); the foreign key holds all the same.
        exclusions = super()._get_validation_exclusions()
        exclusions.update(
            name for name, field in self.fields.items() if isinstance(field, forms.ModelChoiceField)
        )
        return exclusions


class SignUpForm(ParticipantForm):
    """A resident signs up online and gets an account to follow their route, without a password:
    the confirmation e-mail's link logs them in. They may describe their work in their own
    words; the skills it shows are suggested after the link, never during the sign-up itself."""

    class Meta(ParticipantForm.Meta):
        fields = [
            *SIGN_UP_FIELDS[: SIGN_UP_FIELDS.index("current_job") + 1],
            "work_description",
            *SIGN_UP_FIELDS[SIGN_UP_FIELDS.index("current_job") + 1 :],
        ]
        widgets = {
            **ParticipantForm.Meta.widgets,
            # Skills found while typing (HTMX); without JS the checklist shows them later.
            "work_description": forms.Textarea(
                attrs={
                    "rows": 4,
                    "hx-get": reverse_lazy("skills:work_suggestions"),
                    "hx-trigger": "input changed delay:800ms",
                    "hx-target": "#work-skill-suggestions",
                }
            ),
        }
        labels = {"work_description": _("Describe your work (optional)")}
        help_texts = {
            "work_description": _(
                "In your own words, what you do or did at work, for example: I work in home "
                "care, help with washing and dressing, and give medicines. After signing up you "
                "see the skills we find in it and tick the ones that are yours."
            )
        }
        error_messages = {
            "work_description": {
                "max_length": _(
                    "Describe your work in at most %(limit_value)d characters (now %(show_value)d)."
                )
            }
        }

    consent_text = _(
        "I agree that the fund processes my data for guidance towards training and its "
        "funding (privacy statement version %(v)s)."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self):
        # Whether the address has an account is not said here: its owner gets an e-mail.
        return self.cleaned_data["email"].strip().lower()


class TriageForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Triage.CONVERSATION_NEEDED, Triage.CONVERSATION_NEEDED.label),
            (Triage.INFORMATION_ONLY, Triage.INFORMATION_ONLY.label),
            (Triage.NOT_ELIGIBLE, Triage.NOT_ELIGIBLE.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=FREE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the person is not eligible."),
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Triage.NOT_ELIGIBLE and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason why this person is not eligible."))
        return data


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or postcode"), required=False, max_length=SEARCH_MAX_CHARS)
    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("mine", _("My caseload")),
            ("triage", _("Waiting for triage")),
            ("all", _("Everyone")),
        ],
    )


class TransferForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("To advice organisation"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=_("Reason for the transfer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.of_kind(
            OrganisationKind.ADVICE
        ).exclude(pk=participant.advice_organisation_id or 0)
