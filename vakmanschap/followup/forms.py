from django import forms
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.limits import cap_length

from .models import IN_WORK, FollowUp
from .services import ANSWER_FIELDS

HELPFULNESS = [
    (1, _("1 – not at all")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – very much")),
]
# The answer to "more hours?" as stored: yes, no, or not applicable (None).
MORE_HOURS = {"yes": True, "no": False, "not_applicable": None}


class FollowUpForm(forms.ModelForm):
    helpfulness = forms.TypedChoiceField(
        label=_("How much did the training help you (1–5)?"),
        choices=HELPFULNESS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    more_hours = forms.ChoiceField(
        label=_("Do you now work more hours per week than before the training?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("not_applicable", _("Not applicable"))],
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = FollowUp
        fields = list(ANSWER_FIELDS)
        labels = {
            "work_situation": _("What is your work situation now?"),
            "hours_per_week": _("How many hours a week do you work?"),
            "occupation_title": _("What is your job (occupation)?"),
            "occupation_relation": _("Is that the occupation you trained for?"),
            "contract_type": _("What kind of contract do you have?"),
            "comment": _("Anything else you want to tell us? (optional)"),
        }
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_situation"].required = True
        cap_length(self.fields["comment"])
        self.fields["hours_per_week"].widget.attrs.update(min=0, max=80)
        if self.instance.pk and self.instance.is_answered:
            stored = {v: k for k, v in MORE_HOURS.items()}
            self.initial["more_hours"] = stored[self.instance.more_hours]

    def clean(self):
        data = super().clean()
        if data.get("work_situation") in IN_WORK:
            for name in ("hours_per_week", "more_hours", "occupation_title", "occupation_relation"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Please answer this question when you are in work."))
            data["more_hours"] = MORE_HOURS.get(data.get("more_hours"))
        else:
            data.update(
                hours_per_week=None,
                more_hours=None,
                occupation_title="",
                occupation_relation="",
                contract_type="",
            )
        return data

    def answers(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ANSWER_FIELDS}
