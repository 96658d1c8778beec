import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
