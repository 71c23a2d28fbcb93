"""The list behind each figure, as rows for CSV and XLSX (streamed, constant memory).
Never NPWP, contact details or addresses: these lists leave the platform."""
import tempfile
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from rantai.suppliers.exports import csv_lines, write_xlsx
from rantai.taxonomy.models import Kbli

SME_HEADER = ["nib", "nama_usaha", "kabupaten_kota", "provinsi", "skala", "verifikasi", "kbli",
              "terdaftar"]
ORDER_HEADER = ["nomor_po", "tanggal", "pembeli", "pemasok", "nib", "provinsi", "skala",
                "nilai", "dibayar", "status"]
COMPLIANCE_HEADER = ["pembeli", "induk", "nilai_kontrak", "nilai_umkm", "porsi_umkm",
                     "nilai_mikro_kecil", "porsi_mikro_kecil", "target", "memenuhi_target",
                     "dibayar", "porsi_mikro_kecil_dibayar", "tkdn_tertimbang", "pengecualian",
                     "pelanggaran"]
REGIONAL_HEADER = ["kode", "provinsi", "kebutuhan", "kategori_kbli_diminta", "umkm_terbit",
                   "umkm_di_kategori_diminta"]


def sme_rows(profiles: QuerySet) -> Iterator[list]:
    profiles = profiles.select_related("regency__province").prefetch_related(
        Prefetch("kbli", queryset=Kbli.objects.only("code").order_by("code"))).order_by("name", "pk")
    for p in profiles.iterator(chunk_size=2000):
        yield [p.nib, p.name, p.regency.name, p.regency.province.name, p.get_scale_display(),
               p.get_verification_display(), ";".join(k.code for k in p.kbli.all()),
               timezone.localdate(p.created_at)]


def order_rows(orders: QuerySet) -> Iterator[list]:
    for o in orders.order_by("-created_at", "-pk").iterator(chunk_size=2000):
        yield [o.number, timezone.localdate(o.created_at), o.buyer.name, o.supplier.name,
               o.supplier.nib, o.supplier.regency.province.name, o.supplier.get_scale_display(),
               o.total_amount, o.paid_amount, o.get_status_display()]


def compliance_rows(ledger: list[dict]) -> Iterator[list]:
    def percent(share):
        return None if share is None else round(100 * share, 1)

    for r in ledger:
        yield [r["buyer_name"], r["holding_name"], r["awarded_value"], r["umk_value"],
               percent(r["umk_share"]), r["micro_small_value"], percent(r["micro_small_share"]),
               round(100 * r["target_share"]), "ya" if r["meets_target"] else "tidak",
               r["paid_value"], percent(r["micro_small_paid_share"]),
               None if r["tkdn_weighted"] is None else round(r["tkdn_weighted"], 1),
               r["overrides"], r["breaches"]]


def regional_rows(rows: list[dict]) -> Iterator[list]:
    for r in rows:
        yield [r["code"], r["name"], r["needs"], ";".join(r["sections"]), r["smes"],
               r["smes_in_demanded_sections"]]


def respond(fmt: str, name: str, header: list[str], rows: Iterable[list]):
    """A streamed CSV, or an XLSX written to a temporary file first (openpyxl's write-only
    mode keeps memory flat)."""
    if fmt == "xlsx":
        target = tempfile.TemporaryFile()
        write_xlsx(header, rows, target, title=name[:31])
        target.seek(0)
        return FileResponse(target, as_attachment=True, filename=f"{name}.xlsx",
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
