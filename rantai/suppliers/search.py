"""The directory's search column: one lower-cased text per profile.

Every writer of names, products, capabilities or descriptions (the profile form, the API,
bulk import) refreshes ``SupplierProfile.search_text`` through these functions, so the
directory filters one column instead of joining products and capabilities per row.
"""
from collections.abc import Iterable

from django.utils import timezone

from .models import SupplierProfile


def search_text_for(*, name: str, description: str = "", products: Iterable[str] = (),
                    capabilities: Iterable[str] = ()) -> str:
    """Lower-cased, space-joined searchable text (name first)."""
    parts = [name, *products, *capabilities, description]
    return " ".join(" ".join(p.split()) for p in parts if p).lower()


def search_text_refresh(profile: SupplierProfile) -> None:
    """Recompute and store ``profile.search_text`` from what is saved now."""
    text = search_text_for(
        name=profile.name, description=profile.description,
        products=profile.products.values_list("name", flat=True),
        capabilities=[f"{c.get_process_display()} {c.material} {c.notes}"
                      for c in profile.capabilities.all()],
    )
    # updated_at too: caches keyed on the last edit (the matching index) must see this
    SupplierProfile.objects.filter(pk=profile.pk).update(search_text=text, updated_at=timezone.now())
    profile.search_text = text
