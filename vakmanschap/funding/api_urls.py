from django.urls import path

from . import api

urlpatterns = [
    path("funding-streams", api.FundingStreamsView.as_view(), name="api-funding-streams"),
    path("funding-streams/<int:pk>", api.FundingStreamView.as_view(), name="api-funding-stream"),
    path("plans", api.PlansView.as_view(), name="api-plans"),
    path("plans/<int:pk>/submit", api.SubmitPlanView.as_view(), name="api-plan-submit"),
    path("plans/<int:pk>/approve", api.ApprovePlanView.as_view(), name="api-plan-approve"),
    path("cheques/redeem", api.RedeemChequeView.as_view(), name="api-cheque-redeem"),
    path("cheques/<int:pk>/cancel", api.CancelChequeView.as_view(), name="api-cheque-cancel"),
]
