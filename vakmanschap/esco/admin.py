"""Admin: the ESCO taxonomy is read-only (it comes from the import); shortage lists are
editable by the fund."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Concept, Description, EscoRelease, Label, ShortageList, ShortageOccupation


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LabelInline(ReadOnlyMixin, admin.TabularInline):
    model = Label
    fields = ["language", "kind", "text"]
    ordering = ["language", "kind", "text"]


class DescriptionInline(ReadOnlyMixin, admin.StackedInline):
    model = Description
    fields = ["language", "text"]


@admin.register(Concept)
class ConceptAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["preferred_label", "kind", "code", "uri"]
    list_filter = ["kind", "skill_type", "reuse_level"]
    search_fields = ["uri", "code", "labels__text"]
    show_full_result_count = False
    inlines = [LabelInline, DescriptionInline]

    @admin.display(description=_("preferred label"))
    def preferred_label(self, obj):
        return obj.label().text


@admin.register(EscoRelease)
class EscoReleaseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["version", "languages", "imported_at"]


class ShortageOccupationInline(admin.TabularInline):
    model = ShortageOccupation
    fields = ["occupation", "sector", "label", "basis"]
    autocomplete_fields = ["occupation"]
    extra = 0


@admin.register(ShortageList)
class ShortageListAdmin(admin.ModelAdmin):
    list_display = ["region", "valid_from", "valid_to", "source_name", "imported_at"]
    list_filter = ["region"]
    date_hierarchy = "valid_from"
    inlines = [ShortageOccupationInline]
