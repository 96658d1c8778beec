from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("new/<int:participant_pk>/", views.schedule, name="schedule"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/move/", views.reschedule, name="reschedule"),
]
