from django.core.paginator import Paginator
from django.shortcuts import render

from vakmanschap.core.access import guarded

from .needs_action import PAGE_SIZE, sections_for
from .permissions import can_view_needs_action


@guarded(can_view_needs_action)
def needs_action(request):
    blocks = []
    for section in sections_for(request.user):
        param = f"{section.key}-page"
        page = Paginator(section.items(request.user), PAGE_SIZE).get_page(request.GET.get(param))
        blocks.append(
            {
                "section": section,
                "page": page,
                "rows": [section.describe(item) for item in page.object_list],
                "param": param,
            }
        )
    return render(request, "notifications/needs_action.html", {"blocks": blocks})
