from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from vakmanschap.core.access import guarded

from . import files
from .datasets import DATASETS
from .forms import ExportForm
from .permissions import can_export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page(request, form, status=200):
    return render(
        request, "exports/index.html", {"form": form, "datasets": DATASETS.values()}, status=status
    )


@guarded(can_export)
def index(request):
    return _page(request, ExportForm())


@guarded(can_export)
def download(request):
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _page(request, form, status=400)
    dataset = DATASETS[form.cleaned_data["dataset"]]
    rows = dataset.iter_rows(**form.filters())
    name = f"vakmanschap-{dataset.key}-{timezone.localdate():%Y-%m-%d}"
    if form.cleaned_data["file_format"] == "xlsx":
        response = HttpResponse(files.xlsx_bytes(dataset.key, dataset.columns, rows), XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = StreamingHttpResponse(
            files.csv_lines(dataset.columns, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "no-store"
    return response
