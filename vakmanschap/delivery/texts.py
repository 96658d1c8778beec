"""Codes for what delivery writes for its readers (`core.coded`): stored as codes with
parameters, shown in the reader's language."""

from django.utils.translation import gettext_lazy as _

from vakmanschap.core import coded

RECOVERY_LOW_ATTENDANCE = coded.define(
    "recovery.low_attendance",
    _("Attendance %(percent)s%% is below the minimum of %(minimum)s%%."),
)
