"""Thin views over the delivery services. Every view names its permission function; objects
of another provider answer 404 (require → ObjectAccessDenied)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vakmanschap.core.access import guarded, require
from vakmanschap.core.fsm import available_actions
from vakmanschap.core.presentation import format_euros
from vakmanschap.funding.cheques import RedemptionError, redeem
from vakmanschap.funding.models import Cheque, ChequeState, RecognisedProvider
from vakmanschap.funding.models.cheques import has_attendance
from vakmanschap.funding.permissions import own_provider

from . import deadlines, forms, invoicing, payments, services
from .models import (
    IbanChange,
    IbanChangeStatus,
    Invoice,
    InvoiceState,
    PaymentBatch,
    Recovery,
    has_payable,
)
from .permissions import (
    can_act_on_cheque,
    can_check_invoices,
    can_decide_invoices,
    can_manage_payments,
    can_see_needs_action,
    can_use_provider_portal,
    can_view_delivery,
    can_view_invoice,
    provider_ids,
)
from .services import DeliveryError

PAGE_SIZE = 25
# A provider sees a cheque once it has been redeemed (booked) by that provider.
PORTAL_STATES = [
    ChequeState.BOOKED,
    ChequeState.STARTED,
    ChequeState.COMPLETED,
    ChequeState.DROPPED_OUT,
    ChequeState.CANCELLED,
]


def _cheques_for_portal():
    return Cheque.objects.filter(state__in=PORTAL_STATES, booked_at__isnull=False).select_related(
        "plan__participant", "plan_course__course", "provider", "delivery"
    )


def _next(cheque):
    """(what is due, by when) for a cheque, or None."""
    due = deadlines.next_deadline(cheque)
    return (deadlines.Overdue.LABELS[due[0]], due[1]) if due and due[1] else None


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# Provider portal ---------------------------------------------------------------------------


@guarded(can_use_provider_portal)
def portal(request):
    cheques = _cheques_for_portal().filter(provider_id__in=provider_ids(request.user))
    page = _page(request, cheques.order_by("-booked_at", "-pk"))
    rows = [(cheque, _next(cheque)) for cheque in page]
    invoices = (
        Invoice.objects.of_provider(provider_ids(request.user))
        .select_related("cheque")
        .order_by("-submitted_at")[:20]
    )
    return render(
        request,
        "delivery/portal.html",
        {"page": page, "rows": rows, "invoices": invoices},
    )


@guarded(can_use_provider_portal)
def redeem_cheque(request):
    form = forms.RedeemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        provider = own_provider(request.user)
        try:
            cheque = redeem(
                provider=provider,
                user=request.user,
                code=form.cleaned_data["code"],
                birth_date=form.cleaned_data["birth_date"],
            )
        except RedemptionError as error:
            # The failed attempt is already committed; answer with the form, do not re-raise.
            form.add_error("code", error.message)
            return render(request, "delivery/redeem.html", {"form": form}, status=error.status)
        messages.success(
            request, _("The cheque is booked. Confirm the start date within 5 working days.")
        )
        return redirect("delivery:cheque", pk=cheque.pk)
    return render(request, "delivery/redeem.html", {"form": form})


def _own_cheque(request, pk):
    cheque = get_object_or_404(_cheques_for_portal(), pk=pk)
    return require(can_act_on_cheque, request.user, cheque)


def _cheque_page(request, cheque, bound=None, status=200):
    """The cheque with the actions its state allows; `bound` = (action, form with errors)."""
    # The cheque's machine says what this user may do now; the attendance form supplies the
    # attendance that completing needs. Confirming and reporting attendance are no transitions:
    # the delivery services say when they are open.
    offered = available_actions(cheque, request.user, supplied=[has_attendance])
    delivery = deadlines._delivery_of(cheque)
    actions = {}
    if "start" in offered and services.booking_confirmable(cheque):
        actions["confirm"] = forms.ConfirmBookingForm(prefix="confirm")
    if "start" in offered:
        actions["start"] = forms.StartForm(
            prefix="start", initial={"start_date": cheque.start_date}
        )
    if can_act_on_cheque(request.user, cheque) and services.attendance_open(cheque):
        actions["attendance"] = forms.AttendanceForm(
            prefix="attendance",
            initial={
                "percent": cheque.attendance_percent,
                "reason": delivery.attendance_reason if delivery else "",
            },
        )
    if "complete" in offered:
        actions["complete"] = forms.CompleteForm(
            prefix="complete", initial={"percent": cheque.attendance_percent}
        )
    if "drop_out" in offered:
        actions["drop_out"] = forms.DropOutForm(prefix="drop_out")
    if bound is not None:
        actions[bound[0]] = bound[1]
    can_invoice = cheque.state in invoicing.INVOICEABLE_STATES and bool(cheque.started_at)
    return render(
        request,
        "delivery/cheque_detail.html",
        {
            "cheque": cheque,
            "delivery": delivery,
            "next": _next(cheque),
            "actions": actions,
            "can_invoice": can_invoice,
            "invoiceable": format_euros(max(invoicing.invoiceable_cents(cheque), 0))
            if can_invoice
            else "",
            "invoices": cheque.invoices.order_by("submitted_at"),
            "amount": format_euros(cheque.amount_cents),
        },
        status=status,
    )


@guarded(can_act_on_cheque)
def cheque_detail(request, pk):
    return _cheque_page(request, _own_cheque(request, pk))


def _do_confirm(cheque, form, user):
    services.confirm_booking(cheque, by=user, start_date=form.cleaned_data["start_date"])
    return _("The booking is confirmed.")


def _do_start(cheque, form, user):
    services.declare_start(cheque, by=user, start_date=form.cleaned_data["start_date"])
    return _("The start has been declared.")


def _do_attendance(cheque, form, user):
    services.record_attendance(
        cheque, by=user, percent=form.cleaned_data["percent"], reason=form.cleaned_data["reason"]
    )
    return _("The attendance has been recorded.")


def _do_complete(cheque, form, user):
    services.complete(
        cheque,
        by=user,
        certificate=form.cleaned_data["certificate"],
        percent=form.cleaned_data["percent"],
        reason=form.cleaned_data["reason"],
    )
    return _("The completion has been recorded.")


def _do_drop_out(cheque, form, user):
    services.drop_out(cheque, by=user, reason=form.cleaned_data["reason"])
    return _("The drop-out has been recorded.")


ACTIONS = {
    "confirm": (forms.ConfirmBookingForm, _do_confirm),
    "start": (forms.StartForm, _do_start),
    "attendance": (forms.AttendanceForm, _do_attendance),
    "complete": (forms.CompleteForm, _do_complete),
    "drop_out": (forms.DropOutForm, _do_drop_out),
}


@guarded(can_act_on_cheque)
@require_POST
def cheque_action(request, pk, action):
    cheque = _own_cheque(request, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, perform = ACTIONS[action]
    form = form_class(request.POST, request.FILES, prefix=action)
    if form.is_valid():
        try:
            message = perform(cheque, form, request.user)
        except DeliveryError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message)
            if action in ("attendance", "complete"):
                _warn_about_attendance(request, cheque)
            return redirect("delivery:cheque", pk=cheque.pk)
    return _cheque_page(request, cheque, bound=(action, form), status=400)


def _warn_about_attendance(request, cheque):
    reported = Cheque.objects.select_related("plan__scheme").get(pk=cheque.pk)
    warning = services.attendance_warning(reported)
    if warning:
        messages.warning(request, warning)


@guarded(can_view_delivery)
def certificate(request, pk):
    """The certificate, only for the cheque's provider and the fund; never a public URL."""
    cheque = get_object_or_404(Cheque, pk=pk)
    require(can_view_delivery, request.user, cheque)
    if not cheque.certificate:
        raise Http404
    response = FileResponse(
        cheque.certificate.open("rb"),
        as_attachment=True,
        filename=f"certificaat-cheque-{cheque.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@guarded(can_act_on_cheque)
def invoice_new(request, pk):
    cheque = _own_cheque(request, pk)
    form = forms.InvoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invoice = invoicing.submit_invoice(
                cheque,
                by=request.user,
                number=form.cleaned_data["number"],
                amount_cents=form.amount_cents,
                is_final=form.cleaned_data["is_final"],
            )
        except DeliveryError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The invoice has been sent to the fund."))
            return redirect("delivery:invoice", pk=invoice.pk)
    room = invoicing.invoiceable_cents(cheque) if cheque.started_at else 0
    return render(
        request,
        "delivery/invoice_form.html",
        {"form": form, "cheque": cheque, "invoiceable": format_euros(max(room, 0))},
        status=400 if form.errors else 200,
    )


# Invoices for the fund --------------------------------------------------------------------


def _invoices():
    return Invoice.objects.select_related(
        "cheque__plan__scheme", "cheque__plan_course__course", "provider", "batch"
    )


@guarded(can_view_invoice)
def invoice_detail(request, pk, forms_override=None, status=200):
    invoice = require(can_view_invoice, request.user, get_object_or_404(_invoices(), pk=pk))
    user = request.user
    fund_side = can_decide_invoices(user)
    low = fund_side and invoice.is_final and invoicing.low_attendance(invoice.cheque)
    context = {
        "invoice": invoice,
        "cheque": invoice.cheque,
        "delivery": services.delivery_of(invoice.cheque) if fund_side else None,
        "fund_side": fund_side,
        "low_attendance": low,
        "preview": invoicing.settlement(invoice)
        if fund_side and invoice.state in (InvoiceState.SUBMITTED, InvoiceState.CHECKED)
        else None,
        "evidence": invoicing.has_completion_evidence(invoice.cheque),
        "can_see_certificate": can_view_delivery(user, invoice.cheque),
        "check_form": None,
        "approve": False,
        "reject_form": None,
    }
    actions = available_actions(invoice, user, supplied=[has_payable])
    if "to_checked" in actions:
        context["check_form"] = forms.CheckInvoiceForm()
    if "to_approved" in actions:
        context["approve"] = True
    elif invoice.state == InvoiceState.CHECKED and can_manage_payments(user):
        # The checker sees why approving is not offered.
        context["four_eyes_blocked"] = invoice.checked_by_id == user.pk
    if "to_rejected" in actions:
        context["reject_form"] = forms.RejectForm()
    context.update(forms_override or {})
    if context.get("preview"):
        context["preview_payable"] = format_euros(context["preview"].payable)
        context["preview_recovery"] = format_euros(context["preview"].recovery)
    return render(request, "delivery/invoice_detail.html", context, status=status)


def _decide(request, pk, check, perform, success, form=None, form_key=None):
    invoice = require(check, request.user, get_object_or_404(Invoice, pk=pk))
    if form is not None and not form.is_valid():
        return invoice_detail(request, pk, {form_key: form}, status=400)
    try:
        perform(invoice)
    except DeliveryError as error:
        if form is not None:
            form.add_service_error(error)
            return invoice_detail(request, pk, {form_key: form}, status=400)
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("delivery:invoice", pk=invoice.pk)


@guarded(can_check_invoices)
@require_POST
def invoice_check(request, pk):
    form = forms.CheckInvoiceForm(request.POST)
    return _decide(
        request,
        pk,
        can_check_invoices,
        lambda invoice: invoicing.check_invoice(
            invoice, by=request.user, accept_attendance_reason=form.cleaned_data["accept_reason"]
        ),
        _("The invoice has been checked."),
        form,
        "check_form",
    )


@guarded(can_manage_payments)
@require_POST
def invoice_approve(request, pk):
    return _decide(
        request,
        pk,
        can_manage_payments,
        lambda invoice: invoicing.approve_invoice(invoice, by=request.user),
        _("The invoice has been approved for payment."),
    )


@guarded(can_decide_invoices)
@require_POST
def invoice_reject(request, pk):
    form = forms.RejectForm(request.POST)
    return _decide(
        request,
        pk,
        can_decide_invoices,
        lambda invoice: invoicing.reject_invoice(
            invoice, by=request.user, reason=form.cleaned_data["reason"]
        ),
        _("The invoice has been rejected."),
        form,
        "reject_form",
    )


def _invoice_list(request, queryset, title, intro):
    page = _page(request, queryset.order_by("submitted_at", "pk"))
    return render(
        request, "delivery/invoice_list.html", {"page": page, "title": title, "intro": intro}
    )


@guarded(can_check_invoices)
def check_list(request):
    return _invoice_list(
        request,
        _invoices().filter(state=InvoiceState.SUBMITTED),
        _("Invoices to check"),
        _("Check each invoice against the delivery: start, attendance and evidence."),
    )


@guarded(can_manage_payments)
def approve_list(request):
    return _invoice_list(
        request,
        _invoices().filter(state=InvoiceState.CHECKED),
        _("Invoices to approve"),
        _("Invoices checked by a fund officer. You may not approve an invoice you checked."),
    )


@guarded(can_see_needs_action)
def needs_action(request):
    page = _page(request, deadlines.overdue_cheques())
    return render(
        request,
        "delivery/needs_action.html",
        {"page": page, "items": deadlines.needs_action(page.object_list)},
    )


# Payment batches ---------------------------------------------------------------------------


@guarded(can_manage_payments)
def batches(request):
    form = forms.BatchForm(
        request.POST or None, initial={"execution_date": payments.default_execution_date()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = payments.create_batch(
                by=request.user, execution_date=form.cleaned_data["execution_date"]
            )
        except DeliveryError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("The payment batch has been made."))
            return redirect("delivery:batch", pk=batch.pk)
    ready = Invoice.objects.filter(state=InvoiceState.APPROVED, batch__isnull=True).aggregate(
        n=Count("pk"), total=Sum("payable_cents")
    )
    batch_page = _page(
        request,
        PaymentBatch.objects.annotate(
            n=Count("invoices"), total=Sum("invoices__payable_cents")
        ).order_by("-created_at", "-pk"),
    )
    recoveries = Recovery.objects.filter(received_at__isnull=True).select_related(
        "invoice__provider"
    )
    providers = RecognisedProvider.objects.select_related("provider").order_by("provider__name")
    return render(
        request,
        "delivery/batches.html",
        {
            "form": form,
            "ready_count": ready["n"],
            "ready_total": format_euros(ready["total"] or 0),
            "page": batch_page,
            "recoveries": recoveries,
            "providers": providers,
        },
        status=400 if form.errors else 200,
    )


@guarded(can_manage_payments)
def batch_detail(request, pk):
    batch = get_object_or_404(PaymentBatch, pk=pk)
    invoices = batch.invoices.select_related("provider__recognition", "cheque").order_by("pk")
    return render(
        request,
        "delivery/batch_detail.html",
        {"batch": batch, "invoices": invoices, "total": format_euros(payments.batch_total(batch))},
    )


@guarded(can_manage_payments)
def batch_xml(request, pk):
    batch = get_object_or_404(PaymentBatch, pk=pk)
    response = HttpResponse(payments.sepa_xml(batch), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{batch.message_id}.xml"'
    return response


@guarded(can_manage_payments)
@require_POST
def batch_paid(request, pk):
    batch = get_object_or_404(PaymentBatch, pk=pk)
    if payments.mark_batch_paid(batch, by=request.user):
        messages.success(request, _("The batch is marked paid."))
    else:
        messages.warning(request, _("This batch was already marked paid; nothing changed."))
    return redirect("delivery:batch", pk=batch.pk)


@guarded(can_manage_payments)
@require_POST
def recovery_received(request, pk):
    recovery = get_object_or_404(Recovery, pk=pk)
    invoicing.record_recovery_received(recovery, by=request.user)
    messages.success(request, _("The recovered money has been booked."))
    return redirect("delivery:batches")


@guarded(can_manage_payments)
def provider_iban(request, pk):
    """Propose a new bank account; another finance officer approves it on this page."""
    recognition = get_object_or_404(RecognisedProvider.objects.select_related("provider"), pk=pk)
    pending = recognition.iban_changes.filter(status=IbanChangeStatus.PENDING).first()
    form = forms.IbanForm(request.POST or None, initial={"iban": recognition.iban})
    if request.method == "POST" and form.is_valid():
        try:
            payments.propose_iban(recognition.provider, form.cleaned_data["iban"], by=request.user)
        except ValidationError as error:
            form.add_error("iban", error.messages)
        else:
            messages.success(
                request,
                _(
                    "The new bank account has been saved. Another finance officer must approve "
                    "it before payments use it."
                ),
            )
            return redirect("delivery:batches")
    return render(
        request,
        "delivery/iban_form.html",
        {
            "form": form,
            "recognition": recognition,
            "pending": pending,
            "may_decide": pending is not None and pending.requested_by_id != request.user.pk,
            "history": recognition.iban_changes.select_related("requested_by", "decided_by")[:10],
        },
        status=400 if form.errors else 200,
    )


@require_POST
@guarded(can_manage_payments)
def decide_iban_change(request, pk):
    change = get_object_or_404(IbanChange, pk=pk)
    try:
        payments.decide_iban_change(
            change, by=request.user, approve=request.POST.get("decision") == "approve"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The decision on the bank account has been saved."))
    return redirect("delivery:provider_iban", pk=change.recognition_id)
