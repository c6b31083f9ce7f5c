from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import Role
from accounts.permissions import role_required


@require_safe
@role_required(Role.ATTORNEY, Role.STAFF)
def expert_search(request):
    """The Expert Witness Database search (the expert issue fills it in)."""
    return render(request, "experts/expert_search.html")
