"""The demo requests: one in every status, one overdue, and a second load adds nothing."""

import pytest
from django.utils import timezone

import devtools.demo
import devtools.demo.ta_requests
from ta_requests import rules
from ta_requests.models import RequestStatus, TARequest

pytestmark = pytest.mark.django_db


def _load_all():
    devtools.demo.load("taxonomy", "accounts", "cases", "ta_requests")


def test_demo_requests_show_every_status_and_one_overdue(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _load_all()
    assert set(TARequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert TARequest.objects.filter(rules.overdue_q(timezone.localdate())).count() == 1
    declined = TARequest.objects.get(status="declined")
    assert declined.decline_reason
    count = TARequest.objects.count()
    _load_all()
    assert TARequest.objects.count() == count == len(devtools.demo.ta_requests.DEMO_REQUESTS)
