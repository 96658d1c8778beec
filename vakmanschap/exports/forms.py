from django import forms
from django.utils.translation import gettext_lazy as _

from vakmanschap.funding.models import FundingStream
from vakmanschap.region.models import Municipality

from .datasets import DATASETS


class DateInput(forms.DateInput):
    input_type = "date"


class ExportForm(forms.Form):
    dataset = forms.ChoiceField(
        label=_("What"), choices=[(d.key, d.label) for d in DATASETS.values()]
    )
    file_format = forms.ChoiceField(
        label=_("File format"),
        choices=[("csv", "CSV"), ("xlsx", _("Excel (XLSX)"))],
        initial="csv",
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Up to and including"), required=False, widget=DateInput)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name"), required=False
    )
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        help_text=_("The statuses differ per file; see the list below the form."),
    )
    stream = forms.ModelChoiceField(
        label=_("Funding stream"), queryset=FundingStream.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = {}
        for dataset in DATASETS.values():
            for value, label in dataset.states:
                choices.setdefault(value, label)
        self.fields["state"].choices = [("", _("All"))] + list(choices.items())

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        dataset = DATASETS.get(data.get("dataset"))
        state = data.get("state")
        if dataset and state and state not in {v for v, _label in dataset.states}:
            self.add_error(
                "state",
                _("This status does not exist for %(what)s.") % {"what": dataset.label},
            )
        return data

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "municipality": data.get("municipality"),
            "state": data.get("state") or "",
            "stream": data.get("stream"),
        }
