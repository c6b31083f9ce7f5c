from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from cgrs.navigation import NavLink

SIGNED_IN = frozenset(Role.values)

ITEMS = [
    NavLink(_("Home"), "home", frozenset({"anonymous", *SIGNED_IN}), order=0),
    NavLink(_("Pro se follow-up"), "accounts:staff_follow_ups", frozenset({Role.STAFF}), order=80),
    NavLink(_("My Account"), "accounts:my_account", SIGNED_IN, order=90),
]
