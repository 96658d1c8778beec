"""The admin site in Dutch throughout: its own header, and Dutch names for the third-party apps
and models whose names are not translatable at the source (django-otp's, the app labels)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.db import models
from django.utils.translation import gettext_lazy as _

# A web address typed without a scheme is read as https:// (Django 6's default; 5.x still
# assumes http:// and warns). Admins with a URLField set `formfield_overrides = HTTPS_URLS`.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}

APP_NAMES = {
    "axes": _("Login attempts"),
    "otp_totp": _("Authenticator apps"),
    "otp_static": _("Backup codes"),
    "auditlog": _("Audit trail of data changes"),
    "django_tasks_database": _("Background tasks"),
}
MODEL_NAMES = {
    ("otp_totp", "totpdevice"): _("TOTP devices (authenticator apps)"),
    ("otp_static", "staticdevice"): _("Backup code lists"),
}


class AdminSite(admin.AdminSite):
    site_header = _("Vakmanschap administration")
    site_title = _("Vakmanschap administration")
    index_title = _("Set-up and reference data")

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            app["name"] = APP_NAMES.get(app["app_label"], app["name"])
            for model in app["models"]:
                key = (app["app_label"], model["object_name"].lower())
                model["name"] = MODEL_NAMES.get(key, model["name"])
        return apps


class VakmanschapAdminConfig(AdminConfig):
    default_site = "vakmanschap.core.admin_site.AdminSite"

    def ready(self):
        super().ready()  # registers every app's admin
        from vakmanschap.core import admin_third_party  # needs the models loaded

        admin_third_party.translate(admin.site)
