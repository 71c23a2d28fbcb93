"""Publishing an open need alerts the SMEs that match it well — once, and never the ones
that may not quote (reservation, missing certificate) or that match poorly."""
import pytest

from conftest import make_buyer, make_sme
from rantai.jobs.models import Job
from rantai.jobs.worker import run_pending
from rantai.matching.models import NeedAlert
from rantai.matching.services import ALERT_JOB, alert_matching_smes
from rantai.notifications.models import Notification
from rantai.sourcing.services import need_publish

from .helpers import certify, need

pytestmark = pytest.mark.django_db


def _alerted(n):
    return set(NeedAlert.objects.filter(need=n).values_list("supplier__name", flat=True))


def test_publishing_queues_alerts_that_reach_matching_smes_once(django_capture_on_commit_callbacks,
                                                                mailoutbox):
    buyer = make_buyer()
    good = make_sme("CV Blok Rem", products=("blok rem besi cor",))
    make_sme("CV Batik", products=("kemeja batik",), kbli=("14111",), regency="33.74")
    draft = need(buyer, publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        need_publish(need=draft, by=buyer)
    assert Job.objects.filter(kind=ALERT_JOB).count() == 1
    assert not NeedAlert.objects.exists()  # off the request path: the worker sends them
    with django_capture_on_commit_callbacks(execute=True):
        run_pending(kinds=[ALERT_JOB])
    assert _alerted(draft) == {"CV Blok Rem"}
    assert [m.to for m in mailoutbox] == [[good.user.email]]  # in-app and by e-mail
    notes = Notification.objects.filter(organisation_id=good.organisation_id)
    assert notes.count() == 1 and draft.title in notes.get().subject
    assert str(draft.pk) in notes.get().url
    assert alert_matching_smes(draft) == []  # a second run alerts nobody again
    assert Notification.objects.filter(organisation_id=good.organisation_id).count() == 1


def test_ineligible_smes_are_never_alerted():
    buyer = make_buyer()  # BUMN: reserved for UMKM up to Rp15 bn
    large = make_sme("PT Besar Cor", products=("blok rem besi cor",), annual_sales=90_000_000_000)
    certify(large)  # certified, but too large for a reserved need
    certified = make_sme("CV SNI", products=("blok rem besi cor",))
    certify(certified)
    make_sme("CV Tanpa SNI", products=("blok rem besi cor",))
    n = need(buyer, estimated_value=300_000_000, required_certificates=["sni"])
    alert_matching_smes(n)
    assert _alerted(n) == {"CV SNI"}


def test_invite_only_needs_alert_nobody(django_capture_on_commit_callbacks):
    buyer = make_buyer()
    make_sme("CV Blok Rem", products=("blok rem besi cor",))
    draft = need(buyer, publish=False, is_open=False)
    with django_capture_on_commit_callbacks(execute=True):
        need_publish(need=draft, by=buyer)
    assert not Job.objects.filter(kind=ALERT_JOB).exists()
    assert alert_matching_smes(draft) == []


def test_the_number_alerted_is_bounded(settings):
    settings.RANTAI_MATCHING_ALERT_TOP = 3
    settings.RANTAI_MATCHING_ALERTS_INLINE = True
    buyer = make_buyer()
    for i in range(6):
        make_sme(f"CV Cor {i}", products=("blok rem besi cor",))
    n = need(buyer)
    assert len(alert_matching_smes(n)) == 3
