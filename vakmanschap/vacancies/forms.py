"""Forms for vacancies and the participant's network profile (NT2 level, vacancy opt-in)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.limits import validate_period_date
from vakmanschap.region.models import Municipality

from .models import ParticipantProfile, Vacancy


class VacancyForm(forms.ModelForm):
    occupation_choice = forms.ChoiceField(
        label=_("ESCO occupation"),
        required=False,
        help_text=_(
            "Leave empty to let the skills engine match the title; or pick one of its suggestions."
        ),
    )

    class Meta:
        model = Vacancy
        fields = ["title", "hours_per_week", "municipality", "start_date", "bbl", "is_open"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(c.pk): c for c in candidates}
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["start_date"].validators.append(validate_period_date)
        self.fields["occupation_choice"].choices = [("", _("match the title automatically"))] + [
            (pk, str(c)) for pk, c in self.candidates.items()
        ]
        if self.instance.pk and self.instance.occupation_id:
            self.fields["occupation_choice"].initial = str(self.instance.occupation_id)

    def chosen_occupation(self):
        value = self.cleaned_data.get("occupation_choice")
        if not value:
            return None
        if (
            self.instance.pk
            and str(self.instance.occupation_id) == value
            and self.instance.occupation_source == "engine"
        ):
            return None  # the engine's match left as it was: match the (new) title again
        return self.candidates[value]


class LanguageProfileForm(forms.ModelForm):
    class Meta:
        model = ParticipantProfile
        fields = ["nt2_level"]


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = ParticipantProfile
        fields = ["opt_in_vacancies"]
