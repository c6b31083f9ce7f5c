"""Template context every page needs: the site name and where to write for help. (The
navigation for the viewer's role comes from accounts.context_processors.)"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def site(request):
    return {
        "site_name": _("CGRS Technical Assistance"),
        "support_email": getattr(settings, "TA_SUPPORT_EMAIL", "ta@example.org"),
    }
