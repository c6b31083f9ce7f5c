from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from accounts.models import Role
from accounts.permissions import role_required
from cases.models import Case


@require_safe
@role_required(Role.ATTORNEY, Role.STAFF)
def case_library(request, number: int):
    """The TA Library curated to one case. (The library issue fills in the resources.)"""
    # SECURITY: the scoped fetch is the authorization: another attorney's number is a 404.
    case = get_object_or_404(Case.objects.for_user(request.user), number=number)
    return render(request, "ta_library/case_library.html", {"case": case})
