"""Template context every page needs: the site name and the navigation for the viewer's role."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cgrs.navigation import nav_items


def site(request):
    return {
        "site_name": _("CGRS Technical Assistance"),
        "nav_items": nav_items(request),
        "support_email": getattr(settings, "TA_SUPPORT_EMAIL", "ta@example.org"),
    }
