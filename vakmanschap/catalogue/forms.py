from django import forms
from django.utils.translation import gettext_lazy as _

from vakmanschap.core.limits import cap_length
from vakmanschap.core.money import EuroField

from .models import MAX_PRICE_CENTS, Course


class CourseForm(forms.ModelForm):
    price_cents = EuroField(
        label=_("Price (€)"),
        max_cents=MAX_PRICE_CENTS,
        help_text=_("In euros, e.g. 1,250.00."),
    )

    class Meta:
        model = Course
        fields = ["title", "description", "level", "price_cents", "duration_months", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap_length(self.fields["description"])
