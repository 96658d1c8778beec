"""Which labour-market regions a user works for: those of their organisations' municipalities,
or the home region when none of them has one (a fund or monitor viewer without an address)."""

from django.apps import apps


def regions_of(user) -> set[int]:
    regions = {
        m.organisation.municipality.region_id
        for m in user.memberships.select_related("organisation__municipality")
        if m.organisation and m.organisation.municipality and m.organisation.municipality.region_id
    }
    # Looked up when called: permission modules that use this load before the models do.
    return regions or {apps.get_model("region", "LabourMarketRegion").objects.home().pk}
