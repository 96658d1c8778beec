from auditlog.models import LogEntry
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from vakmanschap.core.access import guarded

from .forms import AuditSearchForm
from .permissions import can_search_audit_log
from .sentences import describe


@guarded(can_search_audit_log)
def audit_search(request):
    form = AuditSearchForm(request.GET or None)
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            entries = entries.filter(
                Q(object_repr__icontains=data["q"])
                | Q(actor_email__icontains=data["q"])
                | Q(actor__email__icontains=data["q"])
            )
        if data["event"]:
            entries = entries.filter(additional_data__event=data["event"])
        if data["date_from"]:
            entries = entries.filter(timestamp__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(timestamp__date__lte=data["date_to"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    lines = [describe(entry) for entry in page]
    return render(request, "audit/search.html", {"form": form, "page": page, "lines": lines})
