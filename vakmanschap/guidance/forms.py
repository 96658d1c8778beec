from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.limits import FREE_TEXT_MAX_CHARS, validate_period_date


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    location = forms.CharField(
        label=_("Location"),
        required=False,
        max_length=200,  # the column
        help_text=_("For example: Werkplein Enschede"),
    )

    def clean_scheduled_at(self):
        moment = self.cleaned_data["scheduled_at"]
        if moment < timezone.now():
            raise forms.ValidationError(_("Choose a moment in the future."))
        validate_period_date(timezone.localdate(moment))
        return moment


class OutcomeForm(forms.Form):
    result = forms.ChoiceField(
        label=_("What happened?"),
        widget=forms.RadioSelect,
        choices=[
            ("held", _("The conversation was held")),
            ("no_show", _("The participant did not come")),
            ("cancelled", _("The conversation was cancelled")),
        ],
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=FREE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Internal notes; never shown to employers or providers."),
    )
    outcome = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=FREE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_step = forms.CharField(label=_("Agreed next step"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("result") == "held" and not data.get("outcome", "").strip():
            self.add_error("outcome", _("Write down the outcome of the conversation."))
        return data
