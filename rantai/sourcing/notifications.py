"""E-mails to the people behind an organisation. Sent after the transaction commits and
never containing a quote amount."""
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from rantai.accounts.models import User


def _send(organisation_id: int, subject: str, body: str) -> None:
    recipients = list(User.objects.filter(memberships__organisation_id=organisation_id,
                                          is_active=True).values_list("email", flat=True))
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients,
                                                fail_silently=True))


def invitation_sent(*, need, supplier) -> None:
    _send(supplier.organisation_id, _("Undangan penawaran: %(title)s") % {"title": need.title},
          _("%(buyer)s mengundang %(supplier)s untuk menawar kebutuhan \"%(title)s\". "
            "Masuk ke Rantai untuk mengirim penawaran sebelum batas waktu.")
          % {"buyer": need.buyer.name, "supplier": supplier.name, "title": need.title})


def award_decided(*, need, winner) -> None:
    _send(winner.organisation_id, _("Penawaran Anda menang: %(title)s") % {"title": need.title},
          _("Selamat, %(buyer)s memilih penawaran Anda. Pesanan (PO) menunggu persetujuan Anda.")
          % {"buyer": need.buyer.name})
