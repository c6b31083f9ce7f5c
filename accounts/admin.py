from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import Organization, User


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "city", "state", "verified", "created_at"]
    list_filter = ["verified", "type", "state"]
    search_fields = ["name", "city"]
    raw_id_fields = ["created_by"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "account_type", "organization", "is_staff", "is_active"]
    list_filter = ["account_type", "is_staff", "is_active"]
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
