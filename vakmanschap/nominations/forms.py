"""Forms for nominating an employee and for the employee's consent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.money import EuroField
from vakmanschap.esco.models import Concept
from vakmanschap.people import privacy_statements
from vakmanschap.people.choices import EducationLevel
from vakmanschap.people.forms import name_version_in
from vakmanschap.people.models import normalise_postcode, postcode_validator
from vakmanschap.region.models import Municipality

from .models import Nomination

MAX_CO_FINANCING_CENTS = 10_000_000  # € 100.000: anything above is a typing error


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class NominationForm(forms.ModelForm):
    target_occupation = OccupationChoiceField(
        label=_("Shortage occupation"),
        queryset=Concept.objects.none(),
        help_text=_("From the region's current list of shortage occupations."),
    )
    co_financing = EuroField(
        max_cents=MAX_CO_FINANCING_CENTS,
        label=_("Your co-financing share (euros)"),
        required=False,
        help_text=_(
            "What you contribute to the training costs; booked once the employee consents."
        ),
    )

    class Meta:
        model = Nomination
        fields = [
            "given_name",
            "family_name",
            "email",
            "current_job",
            "work_situation",
            "hours_now",
            "extra_hours_offer",
            "target_occupation",
        ]

    def __init__(self, *args, occupations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_occupation"].queryset = Concept.objects.filter(
            pk__in=[o.pk for o in occupations]
        )
        self.fields["target_occupation"].choices = [("", "–")] + [
            (o.pk, str(o)) for o in occupations
        ]

    def clean_co_financing(self):
        return self.cleaned_data.get("co_financing") or 0


class NominationConsentForm(forms.Form):
    """What the employee adds on consent: the details the fund needs for a sign-up."""

    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    education_level = forms.ChoiceField(
        label=_("Highest completed education"), choices=[("", "–")] + EducationLevel.choices
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Without your consent nothing is shared.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.privacy_statement = privacy_statements.current()
        name_version_in(
            self.fields["consent"],
            _(
                "I agree that my employer's nomination and these details are shared with the "
                "fund's advisors for guidance towards training and its funding. My employer "
                "only sees the status of my route (privacy statement version %(v)s)."
            ),
            self.privacy_statement,
        )

    def clean_postcode(self):
        value = normalise_postcode(self.cleaned_data["postcode"])
        postcode_validator(value)
        return value


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class NominationOutcomeForm(forms.Form):
    stayed_on = forms.ChoiceField(
        label=_("Did the employee stay with you after the training?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    got_more_hours = forms.ChoiceField(
        label=_("Did the employee get more hours?"), choices=YES_NO, widget=forms.RadioSelect
    )

    def values(self) -> dict:
        return {name: self.cleaned_data[name] == "yes" for name in ("stayed_on", "got_more_hours")}
