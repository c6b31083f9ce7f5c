from django.utils.translation import gettext_lazy as _

from accounts.models import FollowUpStatus, ProSeFollowUp, Role
from cgrs.navigation import NavLink, StaffQueue

SIGNED_IN = frozenset(Role.values)

ITEMS = [
    NavLink(_("Home"), "home", frozenset({"anonymous", *SIGNED_IN}), order=0),
    NavLink(_("Staff home"), "staff_home", frozenset({Role.STAFF}), order=1),
    NavLink(_("Pro se follow-up"), "accounts:staff_follow_ups", frozenset({Role.STAFF}), order=80),
    NavLink(_("My Account"), "accounts:my_account", SIGNED_IN, order=90),
]

QUEUES = [
    StaffQueue(
        _("Pro se follow-up"),
        "accounts:staff_follow_ups",
        _("People representing themselves who registered and have not been contacted yet."),
        lambda: ProSeFollowUp.objects.filter(status=FollowUpStatus.NEW).count(),
        order=10,
    ),
]
