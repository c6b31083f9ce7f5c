"""The demo requests: one in every status, one overdue, and a second load adds nothing."""

import pytest
from django.utils import timezone

import accounts.demo
import cases.demo
import ta_requests.demo
import taxonomy.demo
from ta_requests import rules
from ta_requests.models import RequestStatus, TARequest

pytestmark = pytest.mark.django_db


def _load_all():
    for module in (taxonomy.demo, accounts.demo, cases.demo, ta_requests.demo):
        module.load(lambda _message: None)


def test_demo_requests_show_every_status_and_one_overdue(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _load_all()
    assert set(TARequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert TARequest.objects.filter(rules.overdue_q(timezone.localdate())).count() == 1
    declined = TARequest.objects.get(status="declined")
    assert declined.decline_reason
    count = TARequest.objects.count()
    _load_all()
    assert TARequest.objects.count() == count == len(ta_requests.demo.DEMO_REQUESTS)
