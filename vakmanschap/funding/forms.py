from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vakmanschap.catalogue.models import Course
from vakmanschap.core.limits import FREE_TEXT_MAX_CHARS
from vakmanschap.core.money import MAX_ALLOCATION_CENTS, EuroField
from vakmanschap.core.presentation import format_euros
from vakmanschap.esco.models import Occupation, attach_preferred_labels
from vakmanschap.esco.shortage import shortage_occupations

from .models import BudgetPeriod, PlanState

OTHER = "other"


class PlanForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Target occupation"), help_text=_("Occupations on the shortage list valid today.")
    )
    other_occupation = forms.CharField(
        label=_("Other occupation (ESCO URI)"),
        required=False,
        help_text=_(
            "Only when the target is not on the shortage list; then also give the "
            "labour-market prospect below."
        ),
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses"),
        widget=forms.CheckboxSelectMultiple,
        queryset=Course.objects.active().select_related("provider").order_by("title"),
        error_messages={"required": _("Choose at least one course.")},
    )
    funding_period = forms.ModelChoiceField(label=_("Budget"), queryset=BudgetPeriod.objects.none())
    own_contribution = EuroField(
        label=_("Own contribution (€)"),
        required=False,
        help_text=_("Paid by the participant or employer; may be 0."),
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=FREE_TEXT_MAX_CHARS,
    )
    labour_market_justification = forms.CharField(
        label=_("Labour-market prospect"),
        required=False,
        max_length=FREE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For an occupation that is not on the shortage list: which employer or "
            "vacancy shows the prospect. A second approver is then needed."
        ),
    )

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        listed = attach_preferred_labels(shortage_occupations(region, today))
        self.fields["target"].choices = (
            [("", "—")]
            + sorted(((str(o.pk), o.label().text) for o in listed), key=lambda c: c[1].lower())
            + [(OTHER, _("Another occupation (give the ESCO URI)"))]
        )
        self.fields["funding_period"].queryset = BudgetPeriod.objects.filter(
            Q(end__gte=today)
        ).select_related("stream")
        self.fields["courses"].label_from_instance = lambda c: (
            f"{c.title} – {c.provider} – MBO {c.level} – {format_euros(c.price_cents)}"
        )

    def clean(self):
        data = super().clean()
        target = data.get("target")
        if target == OTHER:
            uri = (data.get("other_occupation") or "").strip()
            occupation = Occupation.objects.filter(uri=uri).first()
            if occupation is None:
                self.add_error("other_occupation", _("No ESCO occupation has this URI."))
            data["occupation"] = occupation
        elif target:
            data["occupation"] = Occupation.objects.filter(pk=target).first()
        return data


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=FREE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting or returning the plan."),
    )


class PlanFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Needs a decision"))] + list(PlanState.choices)


class AllocationForm(forms.Form):
    amount = EuroField(label=_("Amount to allocate (€)"), max_cents=MAX_ALLOCATION_CENTS)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class NewCodeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for a new code"),
        max_length=500,
        help_text=_("For example: the letter was lost. The old code stops working at once."),
        error_messages={"required": _("Give the reason for a new code.")},
    )


class ClosePlanForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=FREE_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for closing the plan.")},
    )


class CancelChequeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=FREE_TEXT_MAX_CHARS,
        help_text=_(
            "The resident and the provider see this reason. The money returns to the budget."
        ),
        error_messages={"required": _("Give the reason for cancelling the cheque.")},
    )
