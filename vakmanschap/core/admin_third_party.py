"""Dutch for third-party admin pages whose texts are not translatable at the source.

django-otp writes its model and field names, help texts and fieldset titles as plain strings;
django-auditlog one column title; django-axes, django-otp and django-tasks-db their app names.
Each gets a lazily translated text here, the Dutch is in `vakmanschap/locale`. The English stays
what the package wrote, so migrations see no change: they read a field's `_verbose_name` and a
model's `original_attrs`, and compare help texts with translation off.
"""

from auditlog.filters import ResourceTypeFilter
from auditlog.mixins import LogEntryAdminMixin
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.admin_site import APP_NAMES

# Apps whose model, field and fieldset names are plain English strings.
UNTRANSLATED_APPS = ("otp_totp", "otp_static")
SEARCH_HELP = _("Search by the user's e-mail address")


def _lazy(text):
    """The same English, looked up in the catalogue when shown."""
    return text if not text or isinstance(text, Promise) else _(text)


def _translated_fieldsets(get_fieldsets):
    def get(request, obj=None):
        return [
            (gettext(name) if name else name, options)
            for name, options in get_fieldsets(request, obj)
        ]

    return get


class ResourceTypeByName(ResourceTypeFilter):
    """django-auditlog's filter by kind of record, named by the model's (translated) name
    instead of its internal code ("user")."""

    def lookups(self, request, model_admin):
        used = model_admin.get_queryset(request).values_list("content_type_id", flat=True)
        kinds = ContentType.objects.filter(pk__in=used.distinct())
        return sorted(((kind.pk, capfirst(kind.name)) for kind in kinds), key=lambda k: k[1])


def translate(site: admin.AdminSite) -> None:
    """Called once at start-up, after every admin is registered."""
    for label, name in APP_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
    for label in UNTRANSLATED_APPS:
        for model in apps.get_app_config(label).get_models():
            opts = model._meta
            if not isinstance(opts.verbose_name, Promise):
                # Django derives a missing plural lazily from the singular: "TOTP devices".
                plural = opts.original_attrs.get("verbose_name_plural", f"{opts.verbose_name}s")
                opts.verbose_name, opts.verbose_name_plural = _(opts.verbose_name), _lazy(plural)
            for field in model._meta.get_fields():
                if hasattr(field, "verbose_name"):
                    field.verbose_name = _lazy(field.verbose_name)
                if getattr(field, "help_text", None):
                    field.help_text = _lazy(field.help_text)
            model_admin = site._registry.get(model)
            if model_admin is not None:
                model_admin.get_fieldsets = _translated_fieldsets(model_admin.get_fieldsets)
                if model_admin.search_help_text:
                    model_admin.search_help_text = SEARCH_HELP
    LogEntryAdminMixin.cid_url.short_description = _("Correlation ID")
    log_admin = site._registry.get(LogEntry)
    if log_admin is not None:
        log_admin.list_filter = [
            ResourceTypeByName if f is ResourceTypeFilter else f for f in log_admin.list_filter
        ]
