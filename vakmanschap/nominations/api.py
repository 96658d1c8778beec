"""API of employer-backed training: an employer's nominations, status only."""

from rest_framework.response import Response

from vakmanschap.network.api import EmployerAPIView

from . import services as nominations
from .permissions import can_nominate


class NominationListView(EmployerAPIView):
    """GET /api/v1/employers/{id}/nominations: the employer's own input and a status only."""

    permission_check = staticmethod(can_nominate)

    def get(self, request, pk):
        organisation = self.employer(pk)
        return Response(
            {
                "nominations": [
                    {
                        k: row[k]
                        for k in (
                            "id",
                            "name",
                            "current_job",
                            "target_occupation",
                            "hours_now",
                            "extra_hours_offer",
                            "co_financing_cents",
                            "status",
                            "status_label",
                        )
                    }
                    for row in nominations.employer_rows(organisation)
                ]
            }
        )
