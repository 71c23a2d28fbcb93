"""Users, organisations, memberships and API tokens."""
import hashlib

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from rantai.core.timezones import ZONE_CHOICES

from .choices import BumnCluster, BuyerKind, OrgKind, OrgStatus, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person; signs in with e-mail. Belongs to organisations through memberships."""

    username = None
    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    timezone = models.CharField(
        _("zona waktu"), max_length=40, choices=ZONE_CHOICES, default="Asia/Jakarta"
    )
    privacy_consent_at = models.DateTimeField(_("persetujuan pemberitahuan privasi"), null=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    def __str__(self) -> str:
        return self.full_name or self.email


class Organisation(models.Model):
    """An SME, a buyer (BUMN, subsidiary/unit, large business, government), an agency or a
    forum organiser. Buyers, agencies and organisers act only once approved by a platform
    administrator; SMEs are approved on sign-up. ``parent`` forms the BUMN holding →
    subsidiary → unit tree."""

    name = models.CharField(_("nama organisasi"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=OrgKind.choices)
    buyer_kind = models.CharField(
        _("jenis pembeli"), max_length=20, choices=BuyerKind.choices, blank=True
    )
    bumn_cluster = models.CharField(
        _("klaster BUMN"), max_length=20, choices=BumnCluster.choices, blank=True
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("induk"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OrgStatus.choices, default=OrgStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == OrgStatus.APPROVED


class Membership(models.Model):
    """A user's role in one organisation. Agency officers may be scoped to one province
    (``province``); an empty province means national scope."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    province = models.ForeignKey(
        "taxonomy.Province", null=True, blank=True, on_delete=models.PROTECT,
        verbose_name=_("lingkup provinsi"),
    )

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A per-organisation API key for integrations. Only its SHA-256 is stored; the key is
    shown once when created. Acts as the membership it was issued for."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("nama"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class DeletionRequest(models.Model):
    """A user's request to delete their personal data (UU PDP 27/2022). Staff process it;
    procurement records the law requires us to keep are anonymised, not deleted."""

    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    email = models.EmailField()
    reason = models.TextField(_("alasan"), blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan penghapusan data")
        verbose_name_plural = _("permintaan penghapusan data")

    def __str__(self) -> str:
        return f"{self.email} ({self.requested_at:%Y-%m-%d})"
