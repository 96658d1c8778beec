"""The fund edits the questionnaire here. A version used by a scan is locked; copy it first."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vakmanschap.core.admin_site import HTTPS_URLS

from .models import Dimension, Instrument, Item, Questionnaire


class _LockedWhenUsed:
    def _questionnaire(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._questionnaire(obj).is_locked:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._questionnaire(obj).is_locked:
            return False
        return super().has_delete_permission(request, obj)


class DimensionInline(admin.TabularInline):
    model = Dimension
    fields = ["order", "key", "label_nl", "label_en"]
    show_change_link = True
    extra = 0


class ItemInline(admin.TabularInline):
    model = Item
    fields = ["order", "text_nl", "text_en", "reverse"]
    extra = 0

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.questionnaire.is_locked

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Questionnaire)
class QuestionnaireAdmin(_LockedWhenUsed, admin.ModelAdmin):
    list_display = ["version", "title_nl", "is_published", "created_at"]
    inlines = [DimensionInline]
    actions = ["copy_as_new_version"]

    def _questionnaire(self, obj):
        return obj

    @admin.action(description=_("Copy as a new (unpublished) version"))
    def copy_as_new_version(self, request, queryset):
        for questionnaire in queryset:
            questionnaire.copy_as_new_version()
        self.message_user(
            request,
            ngettext("%d copy made.", "%d copies made.", queryset.count()) % queryset.count(),
            messages.SUCCESS,
        )


@admin.register(Dimension)
class DimensionAdmin(_LockedWhenUsed, admin.ModelAdmin):
    list_display = ["label_nl", "key", "questionnaire", "order"]
    list_filter = ["questionnaire"]
    inlines = [ItemInline]
    filter_horizontal = ["instruments"]

    def _questionnaire(self, obj):
        return obj.questionnaire


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["key", "name_nl", "url"]
    formfield_overrides = HTTPS_URLS
