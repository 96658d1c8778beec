from django.urls import path

from . import views

app_name = "skills"

urlpatterns = [
    path("people/<int:pk>/routes/", views.person_routes, name="person_routes"),
    path("mine/routes/", views.my_routes, name="my_routes"),
    path("mine/work/", views.describe_my_work, name="describe_my_work"),
    path("people/<int:pk>/", views.person_skills, name="person_skills"),
    path(
        "people/<int:pk>/occupations/options/", views.occupation_options, name="occupation_options"
    ),
    path("people/<int:pk>/occupations/add/", views.add_occupation, name="add_occupation"),
    path(
        "people/<int:pk>/occupations/<int:held_pk>/remove/",
        views.remove_occupation,
        name="remove_occupation",
    ),
    path(
        "people/<int:pk>/occupations/<int:held_pk>/skills/",
        views.save_checklist,
        name="save_checklist",
    ),
    path("people/<int:pk>/skills/options/", views.skill_options, name="skill_options"),
    path("people/<int:pk>/skills/add/", views.add_skill, name="add_skill"),
    path(
        "people/<int:pk>/skills/described/",
        views.add_described_skills,
        name="add_described_skills",
    ),
    path("people/<int:pk>/skills/<int:skill_pk>/remove/", views.remove_skill, name="remove_skill"),
    path("courses/<int:pk>/tags/", views.course_tags, name="course_tags"),
    path("titles/suggest/", views.title_suggestions, name="title_suggestions"),
    path("work/suggest/", views.work_suggestions, name="work_suggestions"),
    path("occupations/<int:pk>/", views.occupation_page, name="occupation"),
    path("skills/<int:pk>/", views.skill_page, name="skill"),
]
