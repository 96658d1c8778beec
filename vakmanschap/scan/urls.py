from django.urls import path

from . import views

app_name = "scan"

urlpatterns = [
    path("", views.index, name="index"),
    path("employers/<int:pk>/", views.employer, name="employer"),
    path("employers/<int:pk>/take/", views.take, name="take"),
    path("employers/<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/close/", views.close, name="close"),
    path("respond/<str:token>/", views.respond, name="respond"),
]
