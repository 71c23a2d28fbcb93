"""Record edits the profile's own ``updated_at`` does not show, in the ``IndexChange`` log.

Every process reads the log before searching, so a product, certificate, capability, rating
or KBLI edit made anywhere is searchable on the next search everywhere. Bulk imports write
``updated_at`` themselves and need no entry here.
"""
from django.db.models.signals import m2m_changed, post_delete, post_save

from rantai.development.models import Rating
from rantai.sourcing.models import Need, NeedLine
from rantai.suppliers.models import (
    Capability,
    Certificate,
    CertificateProduct,
    Product,
    SupplierProfile,
)

from .models import IndexChange

SUPPLIER_CHILDREN = {  # model → how to reach the supplier id from an instance
    Product: lambda obj: obj.supplier_id,
    Certificate: lambda obj: obj.supplier_id,
    Capability: lambda obj: obj.supplier_id,
    Rating: lambda obj: obj.supplier_id,
    CertificateProduct: lambda obj: Certificate.objects.filter(pk=obj.certificate_id)
    .values_list("supplier_id", flat=True).first(),
}


def _log(kind: str, object_id: int | None) -> None:
    if object_id is not None:
        IndexChange.objects.create(kind=kind, object_id=object_id)


def _supplier_child_changed(sender, instance, **kwargs) -> None:
    _log(IndexChange.Kind.SUPPLIER, SUPPLIER_CHILDREN[sender](instance))


def _profile_deleted(sender, instance, **kwargs) -> None:
    _log(IndexChange.Kind.SUPPLIER, instance.pk)


def _profile_kbli_changed(sender, instance, action, reverse, **kwargs) -> None:
    if action.startswith("post_") and not reverse:
        _log(IndexChange.Kind.SUPPLIER, instance.pk)


def _need_changed(sender, instance, **kwargs) -> None:
    _log(IndexChange.Kind.NEED, instance.pk)


def _need_line_changed(sender, instance, **kwargs) -> None:
    _log(IndexChange.Kind.NEED, instance.need_id)


def _need_kbli_changed(sender, instance, action, reverse, **kwargs) -> None:
    if action.startswith("post_") and not reverse:
        _log(IndexChange.Kind.NEED, instance.pk)


def connect() -> None:
    for model in SUPPLIER_CHILDREN:
        post_save.connect(_supplier_child_changed, sender=model,
                          dispatch_uid=f"matching-{model.__name__}-save")
        post_delete.connect(_supplier_child_changed, sender=model,
                            dispatch_uid=f"matching-{model.__name__}-delete")
    post_delete.connect(_profile_deleted, sender=SupplierProfile, dispatch_uid="matching-profile-delete")
    m2m_changed.connect(_profile_kbli_changed, sender=SupplierProfile.kbli.through,
                        dispatch_uid="matching-profile-kbli")
    post_save.connect(_need_changed, sender=Need, dispatch_uid="matching-need-save")
    post_save.connect(_need_line_changed, sender=NeedLine, dispatch_uid="matching-needline-save")
    m2m_changed.connect(_need_kbli_changed, sender=Need.kbli.through, dispatch_uid="matching-need-kbli")
