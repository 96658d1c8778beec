from django.shortcuts import get_object_or_404, render

from vakmanschap.core.access import guarded, require

from .models import Organisation
from .permissions import can_view_organisation


@guarded(can_view_organisation)
def organisation_list(request):
    organisations = (
        Organisation.objects.visible_to(request.user)
        .select_related("municipality")
        .order_by("kind", "name")
    )
    return render(request, "organisations/list.html", {"organisations": organisations})


@guarded(can_view_organisation)
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), pk=pk)
    require(can_view_organisation, request.user, organisation)
    members = organisation.memberships.select_related("user").order_by("user__email")
    return render(
        request, "organisations/detail.html", {"organisation": organisation, "members": members}
    )
