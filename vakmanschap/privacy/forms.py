from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should your data be erased?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("No need to repeat personal details here."),
    )


class ErasureDecisionForm(forms.Form):
    DECISIONS = [("approve", _("Approve: anonymise now")), ("refuse", _("Refuse"))]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    decision_reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Required when you refuse."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("decision_reason") or "").strip():
            self.add_error("decision_reason", _("Give the reason for refusing."))
        return data
