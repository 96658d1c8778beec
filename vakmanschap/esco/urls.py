from django.urls import path

from . import views

app_name = "esco"

urlpatterns = [
    path("occupations/", views.occupation_list, name="occupation_list"),
    path("occupations/<int:pk>/", views.occupation_detail, name="occupation_detail"),
    path("skills/<int:pk>/", views.skill_detail, name="skill_detail"),
]
