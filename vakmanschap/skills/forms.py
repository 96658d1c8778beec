from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from vakmanschap.people.models import WORK_DESCRIPTION_MAX_CHARS


class OccupationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Job title"),
        max_length=200,
        help_text=_("For example: zorghulp, lasser, operator CNC-machine."),
    )


class AddOccupationForm(forms.Form):
    occupation = forms.IntegerField(widget=forms.HiddenInput)
    years = forms.DecimalField(
        label=_("Years of experience"),
        min_value=Decimal(0),
        max_value=Decimal(60),
        decimal_places=1,
        initial=1,
    )


class SkillSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search a skill"),
        max_length=500,
        help_text=_("A skill, or a sentence about what the person can do."),
    )


class WorkDescriptionForm(SkillSearchForm):
    """The participant's skills: work described in one's own words (Dutch or English)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label = _("Describe the work, or search a skill")
        self.fields["q"].help_text = _(
            "In your own words, for example: I help older people with washing and dressing."
        )


class DescribeWorkForm(forms.Form):
    """A resident describes their work; the engine suggests skills to confirm."""

    work = forms.CharField(
        label=_("Describe your work"),
        max_length=WORK_DESCRIPTION_MAX_CHARS,
        error_messages={
            "max_length": _(
                "Describe your work in at most %(limit_value)d characters (now %(show_value)d)."
            )
        },
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "In your own words, for example: I work in home care, help with washing and "
            "dressing, and give medicines."
        ),
    )
