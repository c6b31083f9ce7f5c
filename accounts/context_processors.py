"""The header navigation for the viewer's role (the role is asked of accounts.permissions;
cgrs.navigation only assembles the links each app offers)."""

from accounts.permissions import is_pro_se, role_of
from cgrs.navigation import nav_items


def navigation(request):
    user = getattr(request, "user", None)
    role = role_of(user) if user is not None else None
    return {
        "nav_items": nav_items(request, role or "anonymous"),
        # Pages that differ for people representing themselves ask this, not a role string.
        "representing_themselves": user is not None and is_pro_se(user),
    }
