from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.money import MAX_AMOUNT_CENTS, EuroField

from .models import BudgetPeriod, FundingStream, LedgerEntry, RecognisedProvider, Scheme


class SchemeAdminForm(forms.ModelForm):
    """The scheme's amounts in euros and its age limit in years and months, never in cents or
    a bare count of months."""

    max_amount = EuroField(label=_("maximum per participant (€)"), max_cents=MAX_AMOUNT_CENTS)
    max_age_years = forms.IntegerField(label=_("maximum age: years"), min_value=18, max_value=100)
    max_age_extra_months = forms.IntegerField(
        label=_("maximum age: and months"), min_value=0, max_value=11
    )

    class Meta:
        model = Scheme
        fields = [
            "name",
            "valid_from",
            "valid_to",
            "region",
            "municipalities",
            "min_age",
            "max_course_level",
            "course_cheque_cap",
            "cap_window_days",
            "cheque_validity_months",
            "attendance_threshold",
            "low_attendance_policy",
            "requires_held_conversation",
            "prioritise_target_groups",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scheme = self.instance
        self.fields["max_amount"].initial = scheme.max_amount_cents
        self.fields["max_age_years"].initial = scheme.max_age_months // 12
        self.fields["max_age_extra_months"].initial = scheme.max_age_months % 12

    def clean(self):
        data = super().clean()
        if data.get("max_amount") is not None:
            self.instance.max_amount_cents = data["max_amount"]
        if data.get("max_age_years") is not None and data.get("max_age_extra_months") is not None:
            self.instance.max_age_months = data["max_age_years"] * 12 + data["max_age_extra_months"]
        return data


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    form = SchemeAdminForm
    list_display = ["name", "valid_from", "valid_to", "max_amount_cents", "course_cheque_cap"]
    filter_horizontal = ["municipalities"]


@admin.register(RecognisedProvider)
class RecognisedProviderAdmin(admin.ModelAdmin):
    list_display = ["provider", "recognised_since", "suspended"]
    list_filter = ["suspended"]
    # The bank account changes only through the finance pages, where a second finance officer
    # approves it; editing it here would skip those four eyes.
    readonly_fields = ["iban"]


class BudgetPeriodInline(admin.TabularInline):
    model = BudgetPeriod
    extra = 0


@admin.register(FundingStream)
class FundingStreamAdmin(admin.ModelAdmin):
    list_display = ["name", "funder_kind"]
    inlines = [BudgetPeriodInline]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    """Read-only: the ledger is append-only and written by the services."""

    list_display = [
        "created_at",
        "period",
        "kind",
        "amount_cents",
        "cheque",
        "reason_shown",
        "created_by",
    ]
    list_filter = ["kind", "period"]
    search_fields = ["=cheque__id", "reason"]
    list_select_related = ["period__stream", "cheque", "created_by"]

    @admin.display(description=_("reason"))
    def reason_shown(self, entry):
        return entry.reason_text

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
