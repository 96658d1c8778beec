import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.people.choices import TARGET_GROUPS, EducationLevel, WorkSituation

from .filters import AGE_BANDS, NONE, Filters, sectors_of


class PeriodForm(forms.Form):
    """The monitor's filter: a period (default: this year so far)."""

    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start = data.get("date_from") or datetime.date(today.year, 1, 1)
        end = data.get("date_to") or datetime.date(today.year, 12, 31)
        if end < start:
            self.add_error("date_to", _("The end date lies before the start date."))
        data["date_from"], data["date_to"] = start, end
        return data


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2019, max_value=2100, required=False)

    def clean_year(self):
        return self.cleaned_data.get("year") or timezone.localdate().year


class MonitorFilterForm(PeriodForm):
    """The period and who is counted; every field travels in the URL, so a view is shareable."""

    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    target_group = forms.ChoiceField(label=_("Target group"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    education_level = forms.ChoiceField(label=_("Education level"), required=False)
    age_band = forms.ChoiceField(label=_("Age band"), required=False)

    def __init__(self, data, region):
        super().__init__(data)
        everyone = [("", _("All"))]
        self.fields["municipality"].choices = everyone + [
            (m.cbs_code, m.name) for m in region.municipalities.order_by("name")
        ]
        self.fields["target_group"].choices = everyone + [
            (g.value, g.label) for g in WorkSituation if g in TARGET_GROUPS
        ]
        self.fields["sector"].choices = everyone + [(s, s) for s in sectors_of(region)]
        self.fields["education_level"].choices = everyone + list(EducationLevel.choices)
        self.fields["age_band"].choices = everyone + [(key, AGE_LABELS[key]) for key in AGE_KEYS]

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return NONE
        return Filters(**{name: self.cleaned_data[name] for name in FILTER_FIELDS})


FILTER_FIELDS = ("municipality", "target_group", "sector", "education_level", "age_band")
AGE_KEYS = [key for key, _youngest, _oldest in AGE_BANDS]
AGE_LABELS = {
    "under-25": _("Under 25"),
    "25-34": _("25 to 34"),
    "35-44": _("35 to 44"),
    "45-54": _("45 to 54"),
    "55-plus": _("55 and over"),
}


class OpenDataForm(YearForm):
    """The year and at most one filter (see `opendata_filters`)."""

    education_level = forms.ChoiceField(label=_("Education level"), required=False)
    age_band = forms.ChoiceField(label=_("Age band"), required=False)

    def __init__(self, data=None):
        super().__init__(data)
        everyone = [("", _("All"))]
        self.fields["education_level"].choices = everyone + list(EducationLevel.choices)
        self.fields["age_band"].choices = everyone + [(key, AGE_LABELS[key]) for key in AGE_KEYS]

    def clean(self):
        data = super().clean()
        if data.get("education_level") and data.get("age_band"):
            self.add_error(
                "age_band",
                _(
                    "Open data shows one filter at a time: choose an education level or an age band."
                ),
            )
        return data

    def chosen_filter(self) -> tuple[str, str] | None:
        if not self.is_bound or not self.is_valid():
            return None
        for name in ("education_level", "age_band"):
            if self.cleaned_data.get(name):
                return name, self.cleaned_data[name]
        return None
