import pytest
from django.core.exceptions import PermissionDenied

from rantai.accounts.choices import OrgStatus
from rantai.accounts.models import User
from rantai.accounts.services import (
    SignupError,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    organisation_decide,
    signup,
)

pytestmark = pytest.mark.django_db


def _signup(**overrides):
    data = {"email": "owner@example.id", "password": "rahasia-123", "full_name": "Ibu Sari",
            "org_name": "CV Sari", "kind": "sme", "consent": True}
    return signup(**{**data, **overrides})


def test_sme_acts_at_once_others_wait():
    assert _signup().organisation.status == OrgStatus.APPROVED
    buyer = _signup(email="b@example.id", kind="buyer", buyer_kind="bumn", org_name="PT B")
    assert buyer.organisation.status == OrgStatus.PENDING


def test_consent_and_unique_email_are_required():
    with pytest.raises(SignupError) as error:
        _signup(consent=False)
    assert error.value.field == "consent"
    _signup()
    with pytest.raises(SignupError) as error:
        _signup(email="OWNER@example.id")
    assert error.value.field == "email"
    assert User.objects.count() == 1


def test_only_staff_approve():
    buyer = _signup(email="b@example.id", kind="buyer", buyer_kind="bumn", org_name="PT B")
    with pytest.raises(PermissionDenied):
        organisation_decide(organisation=buyer.organisation, approve=True, by=buyer.user)
    staff = User.objects.create_user("officer@example.id", "x", is_staff=True)
    with pytest.raises(PermissionDenied):  # agency staff read the admin; they do not approve
        organisation_decide(organisation=buyer.organisation, approve=True, by=staff)
    admin = User.objects.create_superuser("admin@example.id", "x")
    organisation_decide(organisation=buyer.organisation, approve=True, by=admin)
    buyer.organisation.refresh_from_db()
    assert buyer.organisation.is_approved


def test_tokens_authenticate_until_revoked():
    membership = _signup()
    token, key = api_token_create(membership=membership, name="ERP")
    assert api_token_authenticate(key) == membership
    assert api_token_authenticate(key + "x") is None
    api_token_revoke(token=token, by=membership)
    assert api_token_authenticate(key) is None
