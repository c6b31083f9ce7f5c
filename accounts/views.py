from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.dashboard import sections_for


@require_safe
@login_required
def my_account(request):
    """The personal dashboard. Each role's sections come from the apps (accounts.dashboard)."""
    return render(request, "accounts/my_account.html", {"sections": sections_for(request)})
