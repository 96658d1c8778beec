"""Scheme settings are entered in euros and in years and months, not in cents."""

from django.forms.models import model_to_dict
from django.utils import translation

from vakmanschap.funding.admin import SchemeAdminForm


def _data(scheme, **changes):
    data = model_to_dict(scheme, fields=SchemeAdminForm._meta.fields)
    data["municipalities"] = [m.pk for m in data["municipalities"]]
    data.update({"max_amount": "2.500,00", "max_age_years": 67, "max_age_extra_months": 3})
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_amount_in_euros_and_age_in_years_and_months(fund):
    form = SchemeAdminForm(data=_data(fund.scheme, max_amount="3.000,50"), instance=fund.scheme)
    assert form.is_valid(), form.errors
    scheme = form.save()
    assert (scheme.max_amount_cents, scheme.max_age_months) == (300_050, 807)
    shown = SchemeAdminForm(instance=scheme)
    assert shown["max_age_years"].value() == 67 and shown["max_age_extra_months"].value() == 3


def test_an_ambiguous_amount_is_refused_naming_the_field_and_nothing_changes(fund):
    before = fund.scheme.max_amount_cents
    with translation.override("nl"):
        form = SchemeAdminForm(data=_data(fund.scheme, max_amount="1.250"), instance=fund.scheme)
        assert not form.is_valid()
    assert "€ 1.250,00" in form.errors["max_amount"][0]
    fund.scheme.refresh_from_db()
    assert fund.scheme.max_amount_cents == before


def test_months_beyond_eleven_are_refused(fund):
    form = SchemeAdminForm(data=_data(fund.scheme, max_age_extra_months=12), instance=fund.scheme)
    assert not form.is_valid() and "max_age_extra_months" in form.errors
