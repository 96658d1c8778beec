from django.urls import path

from . import oidc_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("logged-out/", oidc_views.logged_out, name="logged_out"),
    path("", views.profile, name="profile"),
    path("password/", views.set_password, name="set_password"),
    path("login/link/<str:token>/", views.login_link, name="login_link"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    *[
        route
        for key in ("digid", "eherkenning")
        for route in (
            path(
                f"login/{key}/",
                oidc_views.oidc_start,
                {"key": key},
                name=f"oidc_start_{key}",
            ),
            path(
                f"login/{key}/callback/",
                oidc_views.oidc_callback,
                {"key": key},
                name=f"oidc_callback_{key}",
            ),
        )
    ],
]
