from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from vakmanschap.core.access import guarded, require

from .forms import CourseForm
from .models import Course
from .permissions import can_edit_course, can_view_catalogue


@guarded(can_view_catalogue)
def course_list(request):
    courses = Course.objects.active().select_related("provider").order_by("title")
    query = request.GET.get("q", "").strip()
    if query:
        courses = courses.filter(title__icontains=query)
    page = Paginator(courses, 25).get_page(request.GET.get("page"))
    return render(request, "catalogue/course_list.html", {"page": page, "query": query})


@guarded(can_view_catalogue)
def course_detail(request, pk):
    course = get_object_or_404(Course.objects.select_related("provider"), pk=pk)
    return render(
        request,
        "catalogue/course_detail.html",
        {"course": course, "can_edit": can_edit_course(request.user, course)},
    )


@guarded(can_edit_course)
def course_edit(request, pk):
    course = require(can_edit_course, request.user, get_object_or_404(Course, pk=pk))
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The course has been saved."))
        return redirect("catalogue:detail", pk=course.pk)
    return render(request, "catalogue/course_form.html", {"form": form, "course": course})
