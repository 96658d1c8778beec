from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="my_data_download"),
    path("my-data/page/", views.my_data_page, name="my_data_page"),
    path("erasure/", views.erasure_list, name="erasure_list"),
    path("erasure/<int:pk>/", views.erasure_detail, name="erasure_detail"),
    path("participants/<int:pk>/data/", views.participant_data, name="participant_data"),
    path(
        "participants/<int:pk>/data/page/",
        views.participant_data_page,
        name="participant_data_page",
    ),
    path("participants/<int:pk>/erasure/", views.erasure_new, name="erasure_new"),
]
