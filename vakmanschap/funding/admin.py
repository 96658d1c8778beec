from django.contrib import admin

from .models import BudgetPeriod, FundingStream, LedgerEntry, RecognisedProvider, Scheme


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
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

    list_display = ["created_at", "period", "kind", "amount_cents", "cheque", "created_by"]
    list_filter = ["kind", "period"]
    search_fields = ["=cheque__id", "reason"]
    list_select_related = ["period__stream", "cheque", "created_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
