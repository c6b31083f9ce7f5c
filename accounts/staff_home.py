"""The staff home: every queue that waits for CGRS staff, with how many items wait in each."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import Role
from accounts.permissions import role_required
from cgrs.navigation import staff_queues


@require_safe
@role_required(Role.STAFF)
def staff_home(request):
    return render(request, "accounts/staff_home.html", {"queues": staff_queues()})
