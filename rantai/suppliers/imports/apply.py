"""Upsert one chunk of valid rows by NIB, with a fixed number of queries per chunk.

Reads: the profiles with these NIBs (one query), and for those that exist their KBLI links,
products and size records (one query each). Writes: new organisations, profiles, KBLI
links, products and size records with ``fastsql`` (COPY / executemany with pre-allocated
ids); changed profiles with one ``executemany`` UPDATE. A row whose data equals what is
stored writes nothing at all (importing the same file twice changes nothing).

Rules (docs/import.md): a new NIB creates an SME organisation (approved, no members) and an
unclaimed, published profile. An existing NIB updates the imported fields only if the
profile is still unclaimed — an SME that manages its own profile is never overwritten. Size
figures with their date add (or correct) the size record of that date; the newest record
sets the profile's figures and scale (PP 7/2021, ``scale.decide_scale``).
Call inside ``transaction.atomic``.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from rantai.accounts.choices import OrgKind, OrgStatus
from rantai.accounts.models import Organisation
from rantai.suppliers.choices import ProfileStatus
from rantai.suppliers.models import Capability, Product, SizeRecord, SupplierProfile
from rantai.suppliers.search import search_text_for

from . import messages as msg
from .fastsql import Inserter, allocate_ids, delete_pairs, existing_values, update_rows
from .validate import CleanRow

Through = SupplierProfile.kbli.through

# Profile fields an import writes, and the row attribute each comes from when its column is
# present (None: the column is absent, leave the field alone).
OPTIONAL_TEXT = (("npwp", "npwp"), ("address", "address"), ("contact_name", "contact_name"),
                 ("contact_phone", "phone"), ("contact_email", "email"))
UPDATED_FIELDS = ("name", "legal_form", "regency", "npwp", "address", "contact_name",
                  "contact_phone", "contact_email", "annual_sales", "business_capital",
                  "workforce", "scale", "scale_rule", "search_text", "updated_at")
EXISTING = ("id", "nib", "organisation_id", "organisation__name", "claimed",
            "regency__province_id", "description", "name", "legal_form", "regency_id", "npwp",
            "address", "contact_name", "contact_phone", "contact_email", "annual_sales",
            "business_capital", "workforce", "scale", "scale_rule", "search_text")
COMPARED = EXISTING[7:]


@dataclass
class Outcome:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[CleanRow, list[tuple[str, str]]]] = field(default_factory=list)


def apply_chunk(rows: list[CleanRow], *, now: datetime,
                province_scope: str | None = None) -> Outcome:
    """Write ``rows`` (distinct NIBs) and say what happened to each."""
    outcome = Outcome()
    found = existing_values(SupplierProfile, "nib", [r.nib for r in rows])
    existing = {values[1]: dict(zip(EXISTING, values, strict=True)) for values in
                SupplierProfile.objects.filter(nib__in=found).values_list(*EXISTING)
                } if found else {}
    new_rows: list[CleanRow] = []
    updates: list[tuple[CleanRow, dict]] = []
    for row in rows:
        stored = existing.get(row.nib)
        if stored is None:
            new_rows.append(row)
        elif stored["claimed"]:
            outcome.rejected.append((row, [("nib", str(msg.CLAIMED))]))
        elif province_scope and stored["regency__province_id"] != province_scope:
            outcome.rejected.append((row, [("nib", str(msg.OTHER_PROVINCE))]))
        else:
            updates.append((row, stored))
    _create(new_rows, now=now)
    outcome.imported = len(new_rows)
    changed = _update(updates, now=now)
    outcome.updated = changed
    outcome.unchanged = len(updates) - changed
    return outcome


def _figures(row: CleanRow):
    """The size statement in ``row``: (decision, figures) or (None, None) without one."""
    if row.decision is None:
        return None, None
    return row.decision, (row.annual_sales, row.business_capital, row.workforce)


def _create(rows: list[CleanRow], *, now: datetime) -> None:
    if not rows:
        return
    org_ids = allocate_ids(Organisation, len(rows))
    profile_ids = allocate_ids(SupplierProfile, len(rows))
    Inserter(Organisation, ("id", "name", "kind", "status"), now=now).insert(
        [(org_id, row.name, OrgKind.SME.value, OrgStatus.APPROVED.value)
         for org_id, row in zip(org_ids, rows, strict=True)])
    default_scale = SupplierProfile._meta.get_field("scale").get_default()
    profiles, links, products, sizes = [], [], [], []
    for org_id, profile_id, row in zip(org_ids, profile_ids, rows, strict=True):
        decision, figures = _figures(row)
        profiles.append((
            profile_id, org_id, row.name, row.legal_form, row.nib, row.regency,
            row.annual_sales if decision else None, row.business_capital if decision else None,
            row.workforce, decision.scale if decision else default_scale,
            decision.rule if decision else "", ProfileStatus.PUBLISHED.value, False,
            row.npwp or "", row.address or "", row.contact_name or "", row.phone or "",
            row.email or "", row.search_text))
        links.extend((profile_id, code) for code in row.kbli)
        products.extend((profile_id, name) for name in row.products)
        if decision:
            sizes.append((profile_id, row.as_of, *figures, decision.scale, decision.rule))
    Inserter(SupplierProfile, (
        "id", "organisation", "name", "legal_form", "nib", "regency", "annual_sales",
        "business_capital", "workforce", "scale", "scale_rule", "status", "claimed", "npwp",
        "address", "contact_name", "contact_phone", "contact_email", "search_text",
    ), now=now).insert(profiles)
    Inserter(Through, ("supplierprofile", "kbli"), now=now).insert(links)
    Inserter(Product, ("supplier", "name"), now=now).insert(products)
    Inserter(SizeRecord, ("supplier", "as_of", "annual_sales", "business_capital", "workforce",
                          "scale", "scale_rule"), now=now).insert(sizes)


def _update(updates: list[tuple[CleanRow, dict]], *, now: datetime) -> int:
    """Apply the differences; the number of profiles that changed."""
    if not updates:
        return 0
    ids = [stored["id"] for _row, stored in updates]
    links: dict[int, set[str]] = defaultdict(set)
    for profile_id, code in Through.objects.filter(supplierprofile_id__in=ids).values_list(
            "supplierprofile_id", "kbli_id"):
        links[profile_id].add(code)
    products: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for product_id, profile_id, name in Product.objects.filter(supplier_id__in=ids).values_list(
            "id", "supplier_id", "name"):
        products[profile_id].append((product_id, name))
    sizes: dict[int, list[tuple]] = defaultdict(list)
    for record in SizeRecord.objects.filter(supplier_id__in=ids).values_list(
            "id", "supplier_id", "as_of", "annual_sales", "business_capital", "workforce"):
        sizes[record[1]].append(record)

    profile_rows, org_rows = [], []
    link_add, link_remove, product_add, product_remove = [], [], [], []
    size_add, size_fix, needs_search = [], [], {}
    for row, stored in updates:
        pid = stored["id"]
        new = {name: stored[name] for name in COMPARED}
        new.update(name=row.name, legal_form=row.legal_form, regency_id=row.regency)
        for column, attr in OPTIONAL_TEXT:
            value = getattr(row, attr)
            if value is not None:
                new[column] = value
        decision, figures = _figures(row)
        size_changed = False
        if decision:
            records = sizes[pid]
            same_day = next((r for r in records if r[2] == row.as_of), None)
            if same_day is None:
                size_add.append((pid, row.as_of, *figures, decision.scale, decision.rule))
                size_changed = True
            elif tuple(same_day[3:6]) != figures:
                size_fix.append((*figures, decision.scale, decision.rule, same_day[0]))
                size_changed = True
            if all(row.as_of >= r[2] for r in records):  # the newest statement decides
                new.update(annual_sales=figures[0], business_capital=figures[1],
                           workforce=figures[2], scale=decision.scale, scale_rule=decision.rule)
        elif row.workforce is not None:
            new["workforce"] = row.workforce
        kbli_now = links[pid]
        kbli_new = set(row.kbli)
        link_add.extend((pid, code) for code in kbli_new - kbli_now)
        link_remove.extend((pid, code) for code in kbli_now - kbli_new)
        names_now = {name for _id, name in products[pid]}
        wanted = set(row.products)
        product_add.extend((pid, name) for name in row.products if name not in names_now)
        product_remove.extend(pk for pk, name in products[pid] if name not in wanted)
        products_changed = names_now != wanted
        if products_changed or new["name"] != stored["name"]:
            needs_search[pid] = (row, new, stored["description"])  # text filled in below
        profile_changed = any(new[name] != stored[name] for name in COMPARED)
        org_changed = stored["organisation__name"] != row.name
        if org_changed:
            org_rows.append((row.name, stored["organisation_id"]))
        if (profile_changed or org_changed or size_changed or products_changed
                or kbli_new != kbli_now):
            new["id"] = pid
            profile_rows.append(new)

    if needs_search:
        capabilities: dict[int, list[str]] = defaultdict(list)
        for capability in Capability.objects.filter(supplier_id__in=list(needs_search)):
            capabilities[capability.supplier_id].append(
                f"{capability.get_process_display()} {capability.material} {capability.notes}")
        for pid, (row, new, description) in needs_search.items():
            new["search_text"] = search_text_for(name=row.name, description=description,
                                                 products=row.products,
                                                 capabilities=capabilities[pid])
    update_rows(SupplierProfile, UPDATED_FIELDS, [
        (p["name"], p["legal_form"], p["regency_id"], p["npwp"], p["address"], p["contact_name"],
         p["contact_phone"], p["contact_email"], p["annual_sales"], p["business_capital"],
         p["workforce"], p["scale"], p["scale_rule"], p["search_text"], now, p["id"])
        for p in profile_rows])
    update_rows(Organisation, ("name",), org_rows)
    Inserter(Through, ("supplierprofile", "kbli"), now=now).insert(link_add)
    delete_pairs(Through, "supplierprofile", "kbli", link_remove)
    if product_remove:
        Product.objects.filter(pk__in=product_remove).delete()
    Inserter(Product, ("supplier", "name"), now=now).insert(product_add)
    Inserter(SizeRecord, ("supplier", "as_of", "annual_sales", "business_capital", "workforce",
                          "scale", "scale_rule"), now=now).insert(size_add)
    update_rows(SizeRecord, ("annual_sales", "business_capital", "workforce", "scale",
                             "scale_rule"), size_fix)
    return len(profile_rows)
