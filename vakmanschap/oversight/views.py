from django.shortcuts import render

from vakmanschap.core.access import guarded

from .checks import LIMIT, all_signals
from .permissions import can_view_oversight


@guarded(can_view_oversight)
def dashboard(request):
    return render(request, "oversight/dashboard.html", {"signals": all_signals(), "limit": LIMIT})
