from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink

# One entry for attorneys: "My cases" (which leads to "Submit a new case intake"). A separate
# "New case intake" item would live under /cases/ too and both would be marked current.
ITEMS = [
    NavLink(_("My cases"), "cases:list", frozenset({"attorney"}), order=20),
    NavLink(_("Cases"), "cases:staff_list", frozenset({"staff"}), order=20),
]
