from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink, StaffQueue
from experts.models import Listing, ListingStatus

# Staff reach the search from the vetting queue: a second link under /experts/ would be marked
# current on every staff page there too.
ITEMS = [
    NavLink(_("Find an expert"), "experts:search", frozenset({"attorney"}), order=40),
    NavLink(_("My listing"), "experts:my_listing", frozenset({"expert", "clinic"}), order=40),
    NavLink(_("Experts"), "experts:staff_queue", frozenset({"staff"}), order=40),
]

QUEUES = [
    StaffQueue(
        _("Expert listings"),
        "experts:staff_queue",
        _("Listings and contact changes submitted for review."),
        lambda: Listing.objects.filter(status=ListingStatus.SUBMITTED).count(),
        order=30,
    ),
]
