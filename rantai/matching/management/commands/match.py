"""``python manage.py match "teks kebutuhan" [--kbli 24310] [--regency 35.77] [--top 10]
[--json] [--lang id|en] [--umk] [--certificate sni] [--province 35] [--verified]``:
rank the current database's published SMEs for a bare-text need, with reasons."""
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rantai.suppliers.choices import CertificateKind
from rantai.taxonomy.models import Regency

from ...selectors import Candidate, CandidateFilters, match_text


class Command(BaseCommand):
    help = "Rank published SMEs for a need written as text, with the engine's reasons."

    def add_arguments(self, parser):
        parser.add_argument("text", help='what is needed, e.g. "blok rem besi cor"')
        parser.add_argument("--kbli", action="append", default=[],
                            help="KBLI 2020 code (repeat or separate with commas)")
        parser.add_argument("--regency", default="",
                            help="delivery regency: Kemendagri code (35.77) or name (Kota Madiun)")
        parser.add_argument("--top", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
        parser.add_argument("--lang", choices=["id", "en"], default="id")
        parser.add_argument("--umk", action="store_true",
                            help="reserved for micro and small enterprises (hard filter)")
        parser.add_argument("--certificate", default="", choices=["", *CertificateKind.values],
                            help="required valid certificate (hard filter)")
        parser.add_argument("--province", default="", help="two-digit province code")
        parser.add_argument("--verified", action="store_true", help="verified SMEs only")

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError("--top harus 1 atau lebih")
        kbli = tuple(code.strip() for arg in options["kbli"] for code in arg.split(",") if code.strip())
        regency = _regency(options["regency"])
        filters = CandidateFilters(province=options["province"], certificate=options["certificate"],
                                   verified=options["verified"])
        with translation.override(options["lang"]):
            result = match_text(options["text"], kbli=kbli, regency=regency, k=options["top"],
                                language=options["lang"], umk_only=options["umk"], filters=filters)
            rows = [_row(rank, c) for rank, c in enumerate(result.candidates, start=1)]
            near = [_row(None, c) for c in result.near_misses]
        if options["json"]:
            self.stdout.write(json.dumps({
                "query": {"text": options["text"], "kbli": list(kbli),
                          "regency": regency.code if regency else None, "top": options["top"],
                          "lang": options["lang"]},
                "results": rows, "near_misses": near}, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("Tidak ada UMKM yang cocok." if options["lang"] == "id"
                              else "No matching SMEs.")
        for row in rows:
            self.stdout.write(f"{row['rank']:>3}. {row['name']} — {row['regency']}, {row['province']}"
                              f" · {row['scale']} · {row['score']:.1f}")
            self.stdout.write(f"     {' · '.join(row['reasons'])}")
        if near:
            self.stdout.write("\nHampir cocok:" if options["lang"] == "id" else "\nNear misses:")
            for row in near:
                self.stdout.write(f"   - {row['name']}: {' · '.join(row['gaps'])}")


def _regency(text: str) -> Regency | None:
    if not text:
        return None
    regency = (Regency.objects.filter(code=text).first()
               or Regency.objects.filter(name__iexact=text).first()
               or Regency.objects.filter(name__icontains=text).order_by("code").first())
    if regency is None:
        raise CommandError(f"--regency: kabupaten/kota tidak dikenal: {text}")
    return regency


def _row(rank: int | None, c: Candidate) -> dict:
    p = c.profile
    return {"rank": rank, "supplier_id": p.pk, "name": p.name, "regency": p.regency.name,
            "province": p.regency.province.name, "scale": str(p.get_scale_display()),
            "verified": p.verification == "verified", "score": c.match.score,
            "reasons": list(c.reasons), "gaps": list(c.gaps)}
