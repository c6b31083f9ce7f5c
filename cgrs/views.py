"""Site-wide pages: home, help pages, health check."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
def home(request):
    return render(request, "cgrs/home.html")


@require_safe
def faq(request):
    return render(request, "cgrs/faq.html")


@require_safe
def vetting_protocol(request):
    return render(request, "cgrs/vetting_protocol.html")


@require_safe
def self_help(request):
    return render(request, "cgrs/self_help.html")


@require_safe
def favicon(request):
    return redirect(static("img/favicon.ico"), permanent=True)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    import redis

    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1
        )
        return "ok" if client.ping() else "down"
    except Exception:
        return "down"


@require_safe
@never_cache
def healthz(request):
    """For load balancers: 200 when the database and broker answer, 503 otherwise."""
    database = "ok" if _database_ok() else "down"
    broker = _broker_status()
    healthy = database == "ok" and broker != "down"
    return JsonResponse({"database": database, "broker": broker}, status=200 if healthy else 503)
