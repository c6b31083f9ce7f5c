from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink, StaffQueue
from ta_requests.models import CLOCK_RUNNING_STATUSES, TARequest

ITEMS = [NavLink(_("Help requests"), "ta_requests:staff_queue", frozenset({"staff"}), order=36)]

QUEUES = [
    StaffQueue(
        _("Requests for more help"),
        "ta_requests:staff_queue",
        _("Attorneys' requests that wait for CGRS (received or in progress), most urgent first."),
        lambda: TARequest.objects.filter(status__in=CLOCK_RUNNING_STATUSES).count(),
        order=30,
    ),
]
