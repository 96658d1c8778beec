from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.needs_action, name="needs_action"),
]
