"""Statuses and their allowed transitions for needs, quotes and orders."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")
    AWARDED = "awarded", _("Dimenangkan")
    CANCELLED = "cancelled", _("Dibatalkan")


NEED_TRANSITIONS = {
    NeedStatus.DRAFT: {NeedStatus.PUBLISHED, NeedStatus.CANCELLED},
    NeedStatus.PUBLISHED: {NeedStatus.AWARDED, NeedStatus.CANCELLED},
    NeedStatus.AWARDED: set(),
    NeedStatus.CANCELLED: set(),
}


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draf (belum terkirim)")
    SUBMITTED = "submitted", _("Terkirim")
    WITHDRAWN = "withdrawn", _("Ditarik")


# A draft is the SME's alone: not counted, not compared, not awardable until submitted.
QUOTE_TRANSITIONS = {
    QuoteStatus.DRAFT: {QuoteStatus.DRAFT, QuoteStatus.SUBMITTED, QuoteStatus.WITHDRAWN},
    QuoteStatus.SUBMITTED: {QuoteStatus.SUBMITTED, QuoteStatus.WITHDRAWN},
    QuoteStatus.WITHDRAWN: {QuoteStatus.SUBMITTED, QuoteStatus.DRAFT},
}


class OrderStatus(models.TextChoices):
    ISSUED = "issued", _("Diterbitkan")
    ACCEPTED = "accepted", _("Diterima pemasok")
    DELIVERED = "delivered", _("Diserahterimakan (BAST)")
    PAID = "paid", _("Lunas")
    CANCELLED = "cancelled", _("Dibatalkan")


ORDER_TRANSITIONS = {
    OrderStatus.ISSUED: {OrderStatus.ACCEPTED, OrderStatus.CANCELLED},
    OrderStatus.ACCEPTED: {OrderStatus.DELIVERED},
    # A further part delivery keeps the order delivered; it is paid once every line is
    # handed over and every accepted part is paid.
    OrderStatus.DELIVERED: {OrderStatus.DELIVERED, OrderStatus.PAID},
    OrderStatus.PAID: set(),
    OrderStatus.CANCELLED: set(),
}
