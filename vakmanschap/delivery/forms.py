from django import forms
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.limits import FREE_TEXT_MAX_CHARS, validate_period_date
from vakmanschap.core.money import EuroField

from .payments import validate_iban

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceErrorsMixin:
    """Show a service's DeliveryError on its field (or at the top of the form)."""

    def add_service_error(self, error):
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class RedeemForm(ServiceErrorsMixin, forms.Form):
    code = forms.CharField(
        label=_("Cheque code"),
        max_length=40,
        help_text=_("The code on the participant's cheque letter, e.g. ABCD-EFGH-JKMN-PQRS-T."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    birth_date = forms.DateField(label=_("Participant's date of birth"), widget=DATE)


class ConfirmBookingForm(ServiceErrorsMixin, forms.Form):
    start_date = forms.DateField(
        label=_("Start date of the course"), widget=DATE, validators=[validate_period_date]
    )


class StartForm(ServiceErrorsMixin, forms.Form):
    start_date = forms.DateField(
        label=_("Date the course started"), widget=DATE, validators=[validate_period_date]
    )


class AttendanceForm(ServiceErrorsMixin, forms.Form):
    percent = forms.IntegerField(label=_("Attendance (%)"), min_value=0, max_value=100)
    reason = forms.CharField(
        label=_("Reason for low attendance"),
        required=False,
        max_length=FREE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only when attendance is below the scheme's minimum; the fund decides."),
    )


class CompleteForm(AttendanceForm):
    certificate = forms.FileField(
        label=_("Certificate (PDF, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class DropOutForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the drop-out"),
        max_length=FREE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvoiceForm(ServiceErrorsMixin, forms.Form):
    number = forms.CharField(label=_("Your invoice number"), max_length=35)
    amount = EuroField(label=_("Amount (€)"), min_cents=1, help_text=_("In euros, e.g. 1,250.00."))
    is_final = forms.BooleanField(
        label=_("This is the final invoice for this cheque"), required=False
    )

    def add_service_error(self, error):
        if error.field == "amount_cents":
            error.field = "amount"
        super().add_service_error(error)

    @property
    def amount_cents(self) -> int:
        return self.cleaned_data["amount"]


class CheckInvoiceForm(ServiceErrorsMixin, forms.Form):
    accept_reason = forms.BooleanField(
        label=_("Accept the provider's reason for the low attendance (pay in full)"),
        required=False,
    )


class RejectForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=FREE_TEXT_MAX_CHARS,
    )


class BatchForm(ServiceErrorsMixin, forms.Form):
    execution_date = forms.DateField(
        label=_("Execution date"), widget=DATE, validators=[validate_period_date]
    )


class IbanForm(forms.Form):
    iban = forms.CharField(label=_("IBAN"), max_length=42, validators=[validate_iban])
