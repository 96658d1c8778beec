"""Admin: the imported labour potential and broad-welfare marks, editable one row at a time
(the CSV imports `import_labour_potential` and `import_broad_welfare` replace whole files)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from .models import LabourPotential, WelfareMark
from .welfare import DIMENSIONS


class LabourPotentialForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        total = data.get("total")
        for group in ("part_time_wants_more", "unemployed", "status_holders"):
            if total is not None and (data.get(group) or 0) > total:
                self.add_error(group, _("More than the untapped labour potential in total."))
        return data


class WelfareMarkForm(forms.ModelForm):
    """The same rules as the CSV import: a known dimension of the source, a mark from 1 to 10."""

    def clean_mark(self):
        mark = self.cleaned_data["mark"]
        if not 1 <= mark <= 10:
            raise forms.ValidationError(_("Give a mark from 1 to 10."))
        return mark

    def clean(self):
        data = super().clean()
        source, dimension = data.get("source"), data.get("dimension")
        if source in DIMENSIONS and dimension is not None:
            dimension = dimension.strip().lower()
            if dimension not in DIMENSIONS[source]:
                self.add_error(
                    "dimension",
                    _("“%(value)s” is not one of %(choices)s.")
                    % {"value": dimension, "choices": ", ".join(DIMENSIONS[source])},
                )
            data["dimension"] = dimension
        return data


@admin.register(LabourPotential)
class LabourPotentialAdmin(admin.ModelAdmin):
    form = LabourPotentialForm
    list_display = [
        "municipality",
        "year",
        "total",
        "part_time_wants_more",
        "unemployed",
        "status_holders",
    ]
    list_filter = ["year", "municipality__region"]
    search_fields = ["municipality__name", "municipality__cbs_code"]
    autocomplete_fields = ["municipality"]


@admin.register(WelfareMark)
class WelfareMarkAdmin(admin.ModelAdmin):
    form = WelfareMarkForm
    list_display = ["region", "source", "dimension", "year", "mark"]
    list_filter = ["source", "year", "region"]
    search_fields = ["dimension"]
