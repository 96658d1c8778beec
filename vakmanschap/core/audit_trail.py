"""Apps name the models whose changes the audit trail records (django-auditlog), in `ready()`."""


def track(model, exclude_fields=(), **options) -> None:
    """Record every change of `model`; `options` as for django-auditlog's `register`.

    Reverse one-to-one relations (another model's row pointing here) are left out: auditlog would
    read each of them, one query apiece, for every new object, where they are always empty, and
    the other side records its own changes."""
    from auditlog.registry import auditlog  # imports auditlog's models: never at app loading

    reverse_one_to_one = [
        field.name
        for field in model._meta.get_fields()
        if field.one_to_one and field.auto_created and not field.concrete
    ]
    exclude = list(dict.fromkeys([*exclude_fields, *reverse_one_to_one]))
    auditlog.register(model, exclude_fields=exclude, **options)


def save_changes(instance, as_read) -> None:
    """Save the fields of `instance` that differ from `as_read`, a copy made when the row was
    read under its row lock (so it is what the database holds), with the audit row that
    django-auditlog writes for the change, but without auditlog reading the row again."""
    from auditlog.context import disable_auditlog
    from auditlog.models import LogEntry
    from auditlog.receivers import _create_log_entry
    from auditlog.registry import auditlog
    from django.conf import settings

    changed = [
        field.name
        for field in instance._meta.concrete_fields
        if not field.primary_key
        and field.value_from_object(as_read) != field.value_from_object(instance)
    ]
    if not changed:
        return
    with disable_auditlog():
        instance.save(update_fields=changed)
    if auditlog.contains(type(instance)):
        # auditlog's own update receiver, given the row as read instead of reading it again.
        _create_log_entry(
            action=LogEntry.Action.UPDATE,
            instance=instance,
            sender=type(instance),
            diff_old=as_read,
            diff_new=instance,
            fields_to_check=changed,
            use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
        )
