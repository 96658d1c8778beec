from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vakmanschap.accounts.models import User
from vakmanschap.accounts.permissions import is_anyone
from vakmanschap.accounts.roles import OrganisationKind, Role
from vakmanschap.core.access import guarded, require
from vakmanschap.core.presentation import format_day
from vakmanschap.organisations.models import Organisation

from . import eherkenning, services
from .forms import (
    EmployerProfileForm,
    EmployerRegistrationForm,
    InviteStaffForm,
    NewAccountForm,
    PledgeForm,
)
from .models import (
    Commitment,
    EHerkenningLink,
    EmployerProfile,
    NetworkMembership,
    SelfRegistration,
    StaffInvitation,
)
from .permissions import (
    can_manage_employer,
    can_register_employer,
    can_use_staff_invitation,
    can_view_employer,
    is_fund_staff,
)


def _employer(request, pk, check=can_view_employer):
    organisation = get_object_or_404(
        Organisation.objects.select_related("municipality"), pk=pk, kind=OrganisationKind.EMPLOYER
    )
    return require(check, request.user, organisation)


def _link_for(request):
    return lambda token: request.build_absolute_uri(
        reverse("network:accept_invitation", args=[token])
    )


@guarded(is_anyone)
def network_public(request):
    """The public face of the network: how many iKBiNDRs there are, and those who opted in."""
    listed = (
        NetworkMembership.objects.publicly_listed()
        .select_related("organisation__municipality", "organisation__employer_profile")
        .order_by("organisation__name")
    )
    return render(
        request,
        "network/public.html",
        {
            "member_count": services.member_count(),
            "listed": listed,
            "commitments": list(Commitment),
        },
    )


@guarded(can_view_employer)
def employer_list(request):
    employers = Organisation.objects.of_kind(OrganisationKind.EMPLOYER).select_related(
        "municipality", "employer_profile", "network_membership"
    )
    if not is_fund_staff(request.user):
        employers = employers.filter(
            memberships__user=request.user, memberships__role=Role.EMPLOYER_STAFF
        ).distinct()
        if employers.count() == 1:
            return redirect("network:employer_detail", pk=employers.get().pk)
    return render(
        request,
        "network/employer_list.html",
        {
            "employers": employers.order_by("name"),
            "can_register": can_register_employer(request.user),
        },
    )


@guarded(can_register_employer)
def employer_register(request):
    form = EmployerRegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation, invitation = services.register_employer(
            name=data["name"],
            kvk_number=data["kvk_number"],
            municipality=data["municipality"],
            sector=data["sector"],
            size_class=data["size_class"],
            first_staff_email=data["first_staff_email"],
            registered_by=request.user,
            link_for=_link_for(request),
        )
        messages.success(
            request,
            _("The employer has been registered and %(email)s has been invited.")
            % {"email": invitation.email},
        )
        return redirect("network:employer_detail", pk=organisation.pk)
    return render(request, "network/employer_form.html", {"form": form, "registering": True})


@guarded(can_view_employer)
def employer_detail(request, pk):
    organisation = _employer(request, pk)
    profile = EmployerProfile.objects.filter(organisation=organisation).first()
    membership = NetworkMembership.objects.filter(organisation=organisation).first()
    staff = (
        organisation.memberships.filter(role=Role.EMPLOYER_STAFF)
        .select_related("user")
        .order_by("user__email")
    )
    invitations = organisation.staff_invitations.usable().order_by("-created_at")
    registration = SelfRegistration.objects.filter(organisation=organisation).first()
    return render(
        request,
        "network/employer_detail.html",
        {
            "organisation": organisation,
            "profile": profile,
            "membership": membership,
            "staff": staff,
            "invitations": invitations,
            "can_manage": can_manage_employer(request.user, organisation),
            "invite_form": InviteStaffForm(organisation=organisation),
            "registration": registration,
            "waiting_links": organisation.eherkenning_links.awaiting_confirmation().order_by(
                "created_at"
            ),
            "is_fund": is_fund_staff(request.user),
        },
    )


@guarded(can_manage_employer)
def employer_edit(request, pk):
    organisation = _employer(request, pk, can_manage_employer)
    profile = EmployerProfile.objects.filter(organisation=organisation).first()
    fund = is_fund_staff(request.user)
    initial = {
        "name": organisation.name,
        "kvk_number": organisation.kvk_number,
        "municipality": organisation.municipality_id,
        "sector": profile.sector if profile else "",
        "size_class": profile.size_class if profile else "",
    }
    form = EmployerProfileForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organisation=organisation,
        fund=fund,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if fund:
            organisation.name, organisation.kvk_number = data["name"], data["kvk_number"]
        organisation.municipality = data["municipality"]
        organisation.save()
        EmployerProfile.objects.update_or_create(
            organisation=organisation,
            defaults={"sector": data["sector"], "size_class": data["size_class"]},
        )
        messages.success(request, _("The details have been saved."))
        return redirect("network:employer_detail", pk=organisation.pk)
    return render(
        request, "network/employer_form.html", {"form": form, "organisation": organisation}
    )


@guarded(can_manage_employer)
def staff_invite(request, pk):
    organisation = _employer(request, pk, can_manage_employer)
    form = InviteStaffForm(
        request.POST if request.method == "POST" else None, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        services.invite_staff(
            organisation, form.cleaned_data["email"], request.user, _link_for(request)
        )
        messages.success(
            request, _("An invitation has been sent to %(email)s.") % form.cleaned_data
        )
        return redirect("network:employer_detail", pk=organisation.pk)
    return render(request, "network/invite_form.html", {"form": form, "organisation": organisation})


@guarded(can_manage_employer)
def membership_edit(request, pk):
    """Sign the iKBiNDR pledge, change its commitments, or renew it."""
    organisation = _employer(request, pk, can_manage_employer)
    membership = NetworkMembership.objects.filter(organisation=organisation).first()
    if request.method == "POST" and "renew" in request.POST and membership is not None:
        services.renew_pledge(membership, request.user)
        messages.success(
            request,
            _("Your pledge has been renewed until %(date)s.")
            % {"date": format_day(membership.renewal_date)},
        )
        return redirect("network:employer_detail", pk=organisation.pk)
    form = PledgeForm(request.POST if request.method == "POST" else None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_pledge(
                organisation,
                commitments={c.value: form.cleaned_data[c.value] for c in Commitment},
                public_listing=form.cleaned_data["public_listing"],
                signed_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("network:employer_detail", pk=organisation.pk)
        messages.success(
            request,
            _("Your pledge has been saved. Welcome to the network!")
            if membership is None
            else _("Your pledge has been saved."),
        )
        return redirect("network:employer_detail", pk=organisation.pk)
    return render(
        request,
        "network/membership_form.html",
        {
            "form": form,
            "organisation": organisation,
            "membership": membership,
            "renewal_open": membership is not None and services.reminder_window_open(membership),
        },
    )


@guarded(can_use_staff_invitation)
def accept_invitation(request, token):
    invitation = StaffInvitation.for_token(token)
    if invitation is None:
        raise Http404
    if not can_use_staff_invitation(request.user, invitation):
        return render(
            request,
            "network/invitation_invalid.html",
            {"expired": invitation.accepted_at is None},
            status=410,
        )
    user = request.user
    existing = User.objects.filter(email__iexact=invitation.email).exists()
    context = {"invitation": invitation, "organisation": invitation.organisation}
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, "network/invitation_wrong_account.html", context, status=403)
        if request.method == "POST":
            try:
                services.accept_invitation(token, user)
            except services.InvitationError as error:
                messages.error(request, str(error))
                return redirect("ui:start")
            messages.success(
                request,
                _("You now work on behalf of %(name)s.") % {"name": invitation.organisation.name},
            )
            return redirect("network:employer_detail", pk=invitation.organisation_id)
        return render(request, "network/invitation_accept.html", context)
    if existing:
        context["login_url"] = f"{reverse('accounts:login')}?next={request.path}"
        return render(request, "network/invitation_login.html", context)
    form = NewAccountForm(
        request.POST if request.method == "POST" else None, email=invitation.email
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = User(
                email=invitation.email,
                full_name=form.cleaned_data["full_name"],
                preferred_language=request.LANGUAGE_CODE
                if request.LANGUAGE_CODE in ("nl", "en")
                else "nl",
            )
            user.set_password(form.cleaned_data["password1"])
            user.save()
            services.accept_invitation(token, user)
        login(request, user, backend="vakmanschap.accounts.backends.EmailBackend")
        messages.success(
            request,
            _("Your account has been created. You now work on behalf of %(name)s.")
            % {"name": invitation.organisation.name},
        )
        return redirect("network:employer_detail", pk=invitation.organisation_id)
    context["form"] = form
    return render(request, "network/invitation_accept.html", context)


@require_POST
@guarded(can_manage_employer)
def confirm_eherkenning(request, pk, link_pk):
    """A colleague or the fund confirms a person who logged in with eHerkenning."""
    organisation = _employer(request, pk, can_manage_employer)
    link = get_object_or_404(EHerkenningLink, pk=link_pk, organisation=organisation)
    eherkenning.confirm_link(link, request.user)
    messages.success(
        request, _("%(name)s can now log in for this company.") % {"name": link.acting_name}
    )
    return redirect("network:employer_detail", pk=organisation.pk)


@require_POST
@guarded(is_fund_staff)
def approve_registration(request, pk):
    """The fund approves a company that registered itself with eHerkenning."""
    organisation = _employer(request, pk)
    registration = get_object_or_404(SelfRegistration, organisation=organisation)
    eherkenning.approve_registration(registration, request.user)
    messages.success(
        request, _("The registration of %(name)s is approved.") % {"name": organisation.name}
    )
    return redirect("network:employer_detail", pk=organisation.pk)
