from django import forms
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.limits import SEARCH_MAX_CHARS

from . import services


class AuditSearchForm(forms.Form):
    q = forms.CharField(label=_("Person or object"), required=False, max_length=SEARCH_MAX_CHARS)
    event = forms.ChoiceField(
        label=_("Event"),
        required=False,
        choices=[
            ("", _("All events")),
            (services.LOGIN, _("Login")),
            (services.LOGIN_FAILED, _("Failed login")),
            (services.LOGIN_REFUSED, _("Refused DigiD/eHerkenning login")),
            (services.LOGOUT, _("Logout")),
            (services.PERMISSION_DENIED, _("Permission denied")),
        ],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data
