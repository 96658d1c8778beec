from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from vakmanschap.api.base import GuardedAPIView

from .models import Course
from .permissions import can_view_catalogue


class CourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    provider = serializers.IntegerField(help_text="The provider's organisation id.")
    level = serializers.IntegerField(help_text="1–4: MBO level; 5: HBO.")
    price_cents = serializers.IntegerField()
    duration_months = serializers.IntegerField()


class CoursesView(GuardedAPIView):
    """GET /api/v1/courses: the active catalogue; `provider` is the organisation id."""

    permission_check = staticmethod(can_view_catalogue)

    @extend_schema(summary="The active course catalogue", responses=CourseSerializer(many=True))
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
