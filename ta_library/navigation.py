from django.utils.translation import gettext_lazy as _

from cgrs.navigation import NavLink

# One link under /library/ per role: a second would be marked current on the first's pages
# too (attorneys reach TA Program News from the library page).
ITEMS = [
    NavLink(_("TA Library"), "ta_library:browse", frozenset({"attorney", "staff"}), order=30),
    NavLink(
        _("Resource library"),
        "ta_library:expert_library",
        frozenset({"expert", "clinic"}),
        order=30,
    ),
    NavLink(_("TA Program News"), "ta_library:news", frozenset({"anonymous", "pro_se"}), order=60),
]
