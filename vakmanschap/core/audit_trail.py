"""Apps name the models whose changes the audit trail records (django-auditlog), in `ready()`."""


def track(model, **options) -> None:
    """Record every change of `model`; `options` as for django-auditlog's `register`."""
    from auditlog.registry import auditlog  # imports auditlog's models: never at app loading

    auditlog.register(model, **options)
