from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from vakmanschap.core.access import guarded

from . import login_links, oidc, two_factor
from .forms import EmailLoginForm, QueuedPasswordResetForm, TokenForm
from .login_providers import enabled_providers
from .oidc_views import SESSION_LOGIN
from .permissions import can_manage_own_two_factor, is_anyone, is_authenticated


class LoginView(auth_views.LoginView):
    permission_check = staticmethod(is_anyone)
    form_class = EmailLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["other_providers"] = [p for p in enabled_providers() if p.key != "password"]
        return ctx


class LogoutView(auth_views.LogoutView):
    """Also ends the session at the DigiD/eHerkenning provider (RP-initiated logout) when the
    person logged in there and the provider offers it."""

    permission_check = staticmethod(is_anyone)

    def post(self, request, *args, **kwargs):
        external = request.session.get(SESSION_LOGIN)
        response = super().post(request, *args, **kwargs)
        if external:
            back = request.build_absolute_uri(reverse("accounts:logged_out"))
            url = oidc.end_session_url(external["provider"], external["id_token"], back)
            if url:
                return redirect(url)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    permission_check = staticmethod(is_anyone)
    template_name = "accounts/password_reset_form.html"
    form_class = QueuedPasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    permission_check = staticmethod(is_anyone)
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    permission_check = staticmethod(is_anyone)
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    permission_check = staticmethod(is_anyone)
    template_name = "accounts/password_reset_complete.html"


def _safe_next(request, default="ui:start"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return reverse_lazy(default)


@guarded(can_manage_own_two_factor)
def two_factor_setup(request):
    if two_factor.has_confirmed_device(request.user):
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_device(request, device, form.cleaned_data["token"]):
            messages.success(request, _("Two-factor login is now on for your account."))
            return redirect(_safe_next(request))
        form.add_error("token", _("This code is not right. Check your app and try again."))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.secret_base32(device),
            "next": request.GET.get("next", ""),
        },
    )


@guarded(can_manage_own_two_factor)
def two_factor_verify(request):
    if not two_factor.has_confirmed_device(request.user):
        return redirect("accounts:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(request, form.cleaned_data["token"]):
            return redirect(_safe_next(request))
        form.add_error("token", _("This code is not right. Check your app and try again."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@guarded(is_authenticated)
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"two_factor_on": two_factor.has_confirmed_device(request.user)},
    )


@guarded(is_anyone)
def login_link(request, token):
    """The link from the sign-up e-mail. Opening it shows a button; only pressing it logs in,
    so a mail scanner that fetches the link does not use it up."""
    if request.method == "POST":
        user = login_links.redeem(token)
        if user is not None:
            login(request, user, backend="vakmanschap.accounts.backends.EmailBackend")
            messages.success(
                request,
                _("You are logged in. You may set a password on your account page if you wish."),
            )
            return redirect(_safe_next(request))
    elif login_links.find(token) is not None:
        return render(request, "accounts/login_link.html", {"next": request.GET.get("next", "")})
    return render(request, "accounts/login_link_invalid.html", status=404)


@guarded(is_authenticated)
def set_password(request):
    """Set a password (an account from the sign-up has none) or change it."""
    has_password = request.user.has_usable_password()
    form_class = PasswordChangeForm if has_password else SetPasswordForm
    form = form_class(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password has been saved."))
        return redirect("accounts:profile")
    return render(
        request, "accounts/set_password.html", {"form": form, "has_password": has_password}
    )
