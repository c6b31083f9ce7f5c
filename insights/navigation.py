from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink

ITEMS = [
    NavLink(_("Outcome insights"), "insights:attorney", frozenset({"attorney"}), order=45),
    NavLink(_("Insights"), "insights:staff", frozenset({"staff"}), order=45),
]
