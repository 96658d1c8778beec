from django.db import models
from django.utils.translation import gettext_lazy as _


class EducationLevel(models.TextChoices):
    NONE = "none", _("None")
    PRIMARY = "primary", _("Primary school")
    VMBO = "vmbo", _("VMBO")
    MBO1 = "mbo1", _("MBO level 1")
    MBO2 = "mbo2", _("MBO level 2")
    MBO3 = "mbo3", _("MBO level 3")
    MBO4 = "mbo4", _("MBO level 4")
    HAVO_VWO = "havo_vwo", _("HAVO/VWO")
    HBO = "hbo", _("HBO")
    WO = "wo", _("WO (university)")


class WorkSituation(models.TextChoices):
    EMPLOYED_FULL_TIME = "employed_full_time", _("Employed full time")
    PART_TIME_WANTS_MORE = "part_time_wants_more", _("Employed part time and wanting more hours")
    UNEMPLOYED = "unemployed", _("Unemployed")
    NOT_IN_LABOUR_FORCE = "not_in_labour_force", _("Not in the labour force")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    STATUS_HOLDER = "status_holder", _("Status holder")


# The fund's target groups for untapped labour potential (Regio Deal Twente).
TARGET_GROUPS = frozenset(
    {WorkSituation.PART_TIME_WANTS_MORE, WorkSituation.UNEMPLOYED, WorkSituation.STATUS_HOLDER}
)


class Triage(models.TextChoices):
    PENDING = "pending", _("Waiting for triage")
    INFORMATION_ONLY = "information_only", _("Information only")
    CONVERSATION_NEEDED = "conversation_needed", _("Career conversation needed")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("To decide")
    MERGED = "merged", _("Merged")
    REJECTED = "rejected", _("Not a duplicate")
