"""Django's makemessages, also reading `_lazy("…")`: modules that import both `gettext as _` and
`gettext_lazy as _lazy` mark strings with either (`core.translations.EXTRA_KEYWORDS`)."""

from django.core.management.commands import makemessages

from vakmanschap.core.translations import EXTRA_KEYWORDS


class Command(makemessages.Command):
    xgettext_options = makemessages.Command.xgettext_options + [
        f"--keyword={keyword}" for keyword in EXTRA_KEYWORDS
    ]
