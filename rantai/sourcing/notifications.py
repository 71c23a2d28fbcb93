"""What sourcing tells organisations: an in-app notification plus an e-mail to every member
(``rantai.notifications.services.notify``, e-mailed after commit). Texts are passed as
``lambda: _(…)`` so each reader gets them in their own language. No body ever carries a
quote amount; a losing SME learns its rank, not anyone's price."""
from django.urls import reverse
from django.utils.translation import gettext as _

from rantai.core.money import format_idr_full
from rantai.notifications.services import Text, notify


def _send(organisation_id: int, subject: Text, body: Text, url: str = "") -> None:
    notify(organisation_id=organisation_id, subject=subject, body=body, url=url)


def _need_url(need) -> str:
    return reverse("sourcing:need-detail", args=[need.pk])


def _order_url(order) -> str:
    return reverse("sourcing:order-detail", args=[order.pk])


def invitation_sent(*, need, supplier) -> None:
    _send(supplier.organisation_id,
          lambda: _("Undangan penawaran: %(title)s") % {"title": need.title},
          lambda: _("%(buyer)s mengundang %(supplier)s untuk menawar kebutuhan \"%(title)s\". "
                    "Masuk ke Rantai untuk mengirim penawaran sebelum batas waktu.")
          % {"buyer": need.buyer.name, "supplier": supplier.name, "title": need.title},
          _need_url(need))


def award_decided(*, need, winner, order=None) -> None:
    _send(winner.organisation_id,
          lambda: _("Penawaran Anda menang: %(title)s") % {"title": need.title},
          lambda: _("Selamat, %(buyer)s memilih penawaran Anda. Pesanan (PO) menunggu "
                    "persetujuan Anda.") % {"buyer": need.buyer.name},
          _order_url(order) if order else _need_url(need))


def award_lost(*, need, supplier, rank: int, of: int) -> None:
    _send(supplier.organisation_id,
          lambda: _("Hasil penawaran: %(title)s") % {"title": need.title},
          lambda: _("%(buyer)s telah memilih pemenang. Penawaran Anda tidak menang; peringkat "
                    "Anda %(rank)d dari %(of)d (menurut nilai sebelum PPN). Terima kasih telah "
                    "ikut menawar.") % {"buyer": need.buyer.name, "rank": rank, "of": of},
          _need_url(need))


def need_changed(*, need, note: str, quoting) -> None:
    for supplier in quoting:
        _send(supplier.organisation_id,
              lambda: _("Kebutuhan diubah: %(title)s") % {"title": need.title},
              lambda: _("%(buyer)s mengubah kebutuhan ini: %(note)s. Konfirmasi atau perbarui "
                        "penawaran Anda sebelum batas waktu yang baru; penawaran yang belum "
                        "dikonfirmasi tidak dapat dimenangkan.")
              % {"buyer": need.buyer.name, "note": note},
              _need_url(need))


def question_asked(*, need) -> None:
    _send(need.buyer_id, lambda: _("Pertanyaan baru: %(title)s") % {"title": need.title},
          lambda: _("Seorang peserta mengajukan pertanyaan. Jawaban Anda akan dibagikan ke "
                    "semua peserta tanpa menyebut penanya."),
          _need_url(need))


def answer_published(*, need, org_ids) -> None:
    for org_id in sorted(org_ids):
        _send(org_id, lambda: _("Klarifikasi dijawab: %(title)s") % {"title": need.title},
              lambda: _("Pembeli menjawab pertanyaan tentang kebutuhan ini. Baca jawabannya di "
                        "Rantai."),
              _need_url(need))


def delivery_confirmed(*, order, delivery) -> None:
    _send(order.supplier.organisation_id,
          lambda: _("BAST dikonfirmasi: %(po)s") % {"po": order.number},
          lambda: _("Pembeli mengonfirmasi serah terima. Anda dapat menerbitkan tagihan untuk "
                    "BAST ini."),
          _order_url(order))


def invoice_sent(*, order, invoice) -> None:
    _send(order.buyer_id, lambda: _("Tagihan baru: %(number)s") % {"number": invoice.number},
          lambda: _("%(supplier)s menagih %(amount)s untuk pesanan %(po)s.") % {
              "supplier": order.supplier.name, "amount": format_idr_full(invoice.amount),
              "po": order.number},
          _order_url(order))


def payment_recorded(*, order, payment) -> None:
    _send(order.supplier.organisation_id,
          lambda: _("Pembayaran diterima: %(po)s") % {"po": order.number},
          lambda: _("Pembeli mencatat pembayaran %(amount)s untuk pesanan %(po)s.") % {
              "amount": format_idr_full(payment.amount), "po": order.number},
          _order_url(order))


def draft_waiting(*, need, drafter) -> None:
    _send(need.buyer_id, lambda: _("Draf menunggu persetujuan: %(title)s") % {"title": need.title},
          lambda: _("%(who)s menyusun kebutuhan ini. Manajer atau pemilik perlu memeriksa dan "
                    "menerbitkannya (aturan dua orang).") % {"who": drafter},
          _need_url(need))
