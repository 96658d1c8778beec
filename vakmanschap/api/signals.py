"""API tokens die with the password they were issued on, and with the account."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import ApiToken


@receiver(pre_save, sender=get_user_model())
def _note_password_or_deactivation(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._revoke_api_tokens = False
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return  # e.g. last_login on every login: no extra query
    before = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    instance._revoke_api_tokens = before["password"] != instance.password or (
        before["is_active"] and not instance.is_active
    )


@receiver(post_save, sender=get_user_model())
def _revoke_api_tokens(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_revoke_api_tokens", False):
        ApiToken.objects.filter(user=instance).delete()
        instance._revoke_api_tokens = False
