from rest_framework.response import Response

from vakmanschap.api.base import GuardedAPIView

from .models import Course
from .permissions import can_view_catalogue


class CoursesView(GuardedAPIView):
    """GET /api/v1/courses: the active catalogue; `provider` is the organisation id."""

    permission_check = staticmethod(can_view_catalogue)

    def get(self, request):
        courses = (
            Course.objects.active()
            .order_by("title")
            .values("id", "title", "provider_id", "level", "price_cents", "duration_months")
        )
        return Response(
            [
                {
                    "id": c["id"],
                    "title": c["title"],
                    "provider": c["provider_id"],
                    "level": c["level"],
                    "price_cents": c["price_cents"],
                    "duration_months": c["duration_months"],
                }
                for c in courses
            ]
        )
