from django.urls import path

from . import views

app_name = "monitor"

urlpatterns = [
    path("monitor/", views.monitor, name="index"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/summary.<str:fmt>", views.open_data_download, name="open_data_download"),
]
