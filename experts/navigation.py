from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink

# Staff reach the search from the vetting queue: a second link under /experts/ would be marked
# current on every staff page there too.
ITEMS = [
    NavLink(_("Find an expert"), "experts:search", frozenset({"attorney"}), order=40),
    NavLink(_("My listing"), "experts:my_listing", frozenset({"expert", "clinic"}), order=40),
    NavLink(_("Experts"), "experts:staff_queue", frozenset({"staff"}), order=40),
]
