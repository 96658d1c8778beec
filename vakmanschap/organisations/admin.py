"""Admin: advice organisations, the fund's back office, training providers and employers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from vakmanschap.accounts.models import Membership
from vakmanschap.core.admin_site import HTTPS_URLS

from .models import Organisation


class StaffInline(admin.StackedInline):
    """Stacked, not tabular: every field keeps its own label (screen readers, WCAG)."""

    model = Membership
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 1
    verbose_name = _("staff member")
    verbose_name_plural = _("staff")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "kvk_number", "email"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name", "kvk_number", "email"]
    autocomplete_fields = ["municipality"]
    inlines = [StaffInline]
    formfield_overrides = HTTPS_URLS
