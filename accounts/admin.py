from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.usersessions.admin import UserSessionAdmin as AllauthUserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Count
from django.template.response import TemplateResponse

from accounts.membership import MembershipError, membership_confirm
from accounts.models import Organization, ProSeFollowUp, User
from accounts.services import OrganizationMergeConflict, organizations_merge
from audit.admin_views import AuditedAdminMixin
from cgrs.admin_site import TAG_CHECKBOXES


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "city", "state", "verified", "member_count", "created_at"]
    list_filter = ["verified", "type", "state"]
    search_fields = ["name", "city"]
    raw_id_fields = ["created_by"]
    actions = ["merge_organizations", "mark_verified"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description="Members", ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.action(description="Mark selected organizations as verified")
    def mark_verified(self, request, queryset):
        updated = queryset.update(verified=True)
        self.message_user(request, f"{updated} organization(s) marked as verified.")

    @admin.action(description="Merge selected organizations (duplicates) into one")
    def merge_organizations(self, request, queryset):
        """Two steps: choose which organization to keep, then confirm. Members and anything
        else pointing at the others move to the one kept; the others are deleted."""
        organizations = list(queryset.annotate(member_count=Count("members")).order_by("name"))
        if len(organizations) < 2:
            self.message_user(
                request, "Select at least two organizations to merge.", messages.WARNING
            )
            return None
        keep_id = request.POST.get("keep")
        if request.POST.get("confirm") == "yes" and keep_id:
            keep = next((org for org in organizations if str(org.pk) == keep_id), None)
            if keep is None:
                self.message_user(
                    request, "Choose one of the selected organizations to keep.", messages.ERROR
                )
            else:
                try:
                    removed = organizations_merge(
                        keep=keep, duplicates=[org for org in organizations if org.pk != keep.pk]
                    )
                except OrganizationMergeConflict:
                    self.message_user(
                        request,
                        "Nothing was merged: more than one of these organizations has something "
                        "that can exist only once per organization (for example a clinic "
                        "listing). Resolve that first, then merge.",
                        messages.ERROR,
                    )
                    return None
                self.message_user(request, f"Merged {removed} organization(s) into {keep}.")
                return None
        suggested = next((org for org in organizations if org.verified), organizations[0])
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge organizations",
            "organizations": organizations,
            "suggested": suggested,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/organization/merge.html", context)


@admin.register(ProSeFollowUp)
class ProSeFollowUpAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """An asylum seeker's own details: every view of them is audited, as in the staff queue."""

    audit_object_type = "pro_se_follow_up"
    list_display = ["__str__", "status", "country_of_origin", "hearing_date", "created_at"]
    list_filter = ["status"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "updated_by"]
    readonly_fields = ["staff_notified_at", "created_at", "updated_at"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "account_type",
        "organization",
        "organization_verified",
        "is_staff",
        "is_active",
    ]
    list_filter = ["account_type", "organization_verified", "is_staff", "is_active"]
    # Sign-in and joining dates are records, not settings; Django's split date/time inputs for
    # them also have no label of their own (axe: label).
    readonly_fields = [
        "organization_verified_by",
        "organization_verified_at",
        "last_login",
        "date_joined",
    ]
    filter_horizontal = []
    formfield_overrides = TAG_CHECKBOXES
    actions = ["confirm_memberships"]
    search_fields = ["email", "full_name"]
    raw_id_fields = ["organization"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Profile",
            {
                "fields": [
                    "full_name",
                    "account_type",
                    "organization",
                    "organization_verified",
                    "organization_verified_by",
                    "organization_verified_at",
                    "is_solo_practitioner",
                    "phone",
                    "preferred_language",
                ]
            },
        ),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    @admin.action(description="Confirm the selected people's organization membership")
    def confirm_memberships(self, request, queryset):
        confirmed = 0
        for member in queryset.filter(organization__isnull=False, organization_verified=False):
            try:
                membership_confirm(member=member, verifier=request.user)
            except MembershipError:
                continue
            confirmed += 1
        self.message_user(request, f"{confirmed} membership(s) confirmed.")


# Two-factor authenticators and sign-in sessions are records of what a person did: staff read
# them, and delete one to reset a lost phone or end a session, but never type one in or edit
# it. Shown read-only, which also spares Django's split date/time inputs (no label of their
# own, axe: label), and without the TOTP secret or session key (credentials, not records).
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    fields = readonly_fields = ["user", "type", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False


admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(AllauthUserSessionAdmin):
    fields = readonly_fields = ["user", "ip", "user_agent", "created_at", "last_seen_at"]

    def has_add_permission(self, request):
        return False


# Permissions as a checkbox list, like the user's (the two-box widget fails axe).
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    filter_horizontal = []
    formfield_overrides = TAG_CHECKBOXES
