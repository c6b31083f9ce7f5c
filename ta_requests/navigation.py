from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink

ITEMS = [NavLink(_("Help requests"), "ta_requests:staff_queue", frozenset({"staff"}), order=35)]
