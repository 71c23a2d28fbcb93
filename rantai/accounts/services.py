"""Writes about users and organisations. Each runs in a transaction and is audited."""
import secrets

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.core.transitions import transition

from .choices import ORG_TRANSITIONS, OrgKind, OrgStatus, Role
from .models import ApiToken, DeletionRequest, Membership, Organisation, User


class SignupError(ValueError):
    """Sign-up input that cannot be accepted; ``field`` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@transaction.atomic
def signup(
    *, email: str, password: str, full_name: str, org_name: str, kind: str,
    buyer_kind: str = "", consent: bool,
) -> Membership:
    """Create a user, their organisation and an owner membership.

    SMEs may act at once; buyers, agencies and organisers wait for an administrator.
    Refuses without consent to the privacy notice or with an e-mail already registered.
    """
    if not consent:
        raise SignupError("consent", _("Anda perlu menyetujui pemberitahuan privasi."))
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise SignupError("email", _("Email ini sudah terdaftar. Silakan masuk."))
    if kind == OrgKind.BUYER and not buyer_kind:
        raise SignupError("buyer_kind", _("Pilih jenis pembeli."))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email, password, full_name=full_name, privacy_consent_at=clock.now())
    except IntegrityError as error:  # the same e-mail signed up a moment ago
        raise SignupError("email", _("Email ini sudah terdaftar. Silakan masuk.")) from error
    organisation = Organisation.objects.create(
        name=org_name.strip(),
        kind=kind,
        buyer_kind=buyer_kind if kind == OrgKind.BUYER else "",
        status=OrgStatus.APPROVED if kind == OrgKind.SME else OrgStatus.PENDING,
    )
    role = Role.OFFICER if kind == OrgKind.AGENCY else Role.OWNER
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    audit_append(
        action="organisation.signup", obj=organisation, actor=user,
        organisation_id=organisation.id, payload={"kind": kind, "status": organisation.status},
    )
    return membership


@transaction.atomic
def organisation_decide(*, organisation: Organisation, approve: bool, by: User) -> None:
    """Approve or reject a waiting organisation (platform administrators only).

    Approving an agency also opens the admin to its officers, through the agency staff
    group (read-only; every change goes through the pages and their services).
    """
    if not by.is_superuser:
        raise PermissionDenied("only platform administrators approve organisations")
    new = OrgStatus.APPROVED if approve else OrgStatus.REJECTED
    transition(organisation, ORG_TRANSITIONS, new)
    if approve and organisation.kind == OrgKind.AGENCY:
        agency_staff_grant(organisation=organisation)
    audit_append(
        action=f"organisation.{new}", obj=organisation, actor=by,
        organisation_id=organisation.id,
    )


@transaction.atomic
def api_token_create(*, membership: Membership, name: str) -> tuple[ApiToken, str]:
    """Issue a token for ``membership``; returns it and the key, which is shown only once."""
    key = "rnt_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        membership=membership, name=name, prefix=key[:10], key_hash=ApiToken.hash_key(key)
    )
    audit_append(
        action="api_token.create", obj=token, actor=membership.user,
        organisation_id=membership.organisation_id, payload={"name": name},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Membership) -> None:
    if token.membership.organisation_id != by.organisation_id:
        raise PermissionDenied("token belongs to another organisation")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=clock.now())
    audit_append(
        action="api_token.revoke", obj=token, actor=by.user, organisation_id=by.organisation_id
    )


def api_token_authenticate(key: str) -> Membership | None:
    """The membership a live token acts as, or None for unknown or revoked keys."""
    token = (
        ApiToken.objects.select_related("membership__organisation", "membership__user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.membership.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=clock.now())
    return token.membership


@transaction.atomic
def deletion_request_create(*, user: User, reason: str) -> DeletionRequest:
    """Record a request to delete personal data; staff process it in the admin."""
    request = DeletionRequest.objects.create(user=user, email=user.email, reason=reason)
    audit_append(action="user.deletion_request", obj=request, actor=user)
    return request


AGENCY_STAFF_GROUP = "Staf instansi"
_RANTAI_APPS = {"accounts", "taxonomy", "suppliers", "sourcing", "development"}
# Personal data, secrets, sealed quotes and the raw audit log stay with platform
# administrators (UU PDP 27/2022; quotes are sealed until their deadline).
_AGENCY_HIDDEN = {("accounts", "user"), ("accounts", "apitoken"), ("accounts", "deletionrequest"),
                  ("sourcing", "quote"), ("sourcing", "quoteline"), ("suppliers", "claimrequest")}


def agency_staff_grant(*, organisation: Organisation) -> None:
    """Make the agency's officers admin users in the agency staff group."""
    from django.contrib.auth.models import Group

    agency_staff_group_ensure()
    group = Group.objects.get(name=AGENCY_STAFF_GROUP)
    officers = User.objects.filter(memberships__organisation=organisation,
                                   memberships__role=Role.OFFICER)
    officers.update(is_staff=True)
    for officer in officers:
        officer.groups.add(group)


def agency_staff_group_ensure() -> None:
    """Create or refresh the read-only admin group for agency staff (idempotent; runs after
    every migrate)."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name=AGENCY_STAFF_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=_RANTAI_APPS)
    wanted = [p for p in permissions.select_related("content_type")
              if p.codename.startswith("view_")
              and (p.content_type.app_label, p.content_type.model) not in _AGENCY_HIDDEN]
    group.permissions.set(wanted)
