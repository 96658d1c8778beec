from django.contrib import admin

from .models import EmployerProfile, NetworkMembership, StaffInvitation


@admin.register(EmployerProfile)
class EmployerProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "sector", "size_class"]
    list_filter = ["sector", "size_class"]
    search_fields = ["organisation__name", "organisation__kvk_number"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "start_date", "renewal_date", "public_listing"]
    list_filter = ["public_listing"]
    search_fields = ["organisation__name"]


@admin.register(StaffInvitation)
class StaffInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "created_at", "expires_at", "accepted_at"]
    readonly_fields = [
        "organisation",
        "email",
        "invited_by",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    search_fields = ["email", "organisation__name"]

    def has_add_permission(self, request):
        return False  # invitations are sent from the employer page, which e-mails the token
