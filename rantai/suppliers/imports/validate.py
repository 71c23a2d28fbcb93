"""One row of the normalised file → a ``CleanRow``, or the problems with it.

Everything is checked in memory (known KBLI and regency codes are loaded once per job), so
validation costs microseconds a row. Each problem is ``(column, message)``, the message in
the active language. What the database must decide (does the NIB belong to a profile its
owner manages?) is checked later, per chunk, in ``apply``.
"""
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from rantai.suppliers.choices import LegalForm
from rantai.suppliers.scale import ScaleDecision, decide_scale
from rantai.suppliers.search import search_text_for
from rantai.taxonomy.models import Kbli, Regency

from . import messages as msg

MAX_BIGINT = 2 ** 63 - 1
MAX_INT = 2 ** 31 - 1
LEGAL_FORMS = {value: value for value in LegalForm.values} | {
    "perseorangan": LegalForm.PERORANGAN, "usaha_perorangan": LegalForm.PERORANGAN,
    "perseroan_terbatas": LegalForm.PT, "persekutuan_komanditer": LegalForm.CV,
    "usaha_dagang": LegalForm.UD,
}
PLAIN_INT = re.compile(r"\d+")
ID_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,0+)?")   # 1.500.000.000 or 1.500.000,00
EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.0+)?")   # 1,500,000,000 or 1,500,000.00
ZERO_DECIMALS = re.compile(r"\d+[.,]0+")                  # 1500000000.00
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PHONE = re.compile(r"\+?[\d\s().\-/]+")
FORMULA_START = ("=", "+", "-", "@")


@dataclass(slots=True)
class CleanRow:
    """A valid row. ``None`` for an optional field means its column is absent (leave the
    stored value alone); ``""`` means present and empty (clear it)."""

    row: int
    values: list[str]
    nib: str
    name: str
    legal_form: str
    regency: str
    kbli: tuple[str, ...]
    products: tuple[str, ...]
    npwp: str | None
    address: str | None
    contact_name: str | None
    phone: str | None
    email: str | None
    annual_sales: int | None
    business_capital: int | None
    workforce: int | None
    as_of: date | None
    decision: ScaleDecision | None  # from the size figures, if any (PP 7/2021)
    search_text: str                # for a new profile (an update recomputes it)


def unquote(text: str) -> str:
    """Drop the apostrophe our exports put before a value a spreadsheet would take for a
    formula (``'=…``, ``'+62…``)."""
    if text.startswith("'") and text[1:2] in FORMULA_START:
        return text[1:]
    return text


def normalise_nib(text: str) -> str:
    return unquote(text).replace(" ", "")


def parse_amount(text: str, maximum: int) -> tuple[int | None, object]:
    """``(value, None)`` or ``(None, message)`` for a whole number of rupiah/people."""
    text = text.replace(" ", "").replace("\u00a0", "")
    if text[:2].lower() == "rp":
        text = text[2:]
    elif text[:3].upper() == "IDR":
        text = text[3:]
    negative = text.startswith("-")
    digits = text[1:] if negative else text
    if PLAIN_INT.fullmatch(digits):
        value = int(digits)
    elif ID_GROUPED.fullmatch(digits):
        value = int(digits.split(",")[0].replace(".", ""))
    elif EN_GROUPED.fullmatch(digits):
        value = int(digits.split(".")[0].replace(",", ""))
    elif ZERO_DECIMALS.fullmatch(digits):
        value = int(re.split(r"[.,]", digits)[0])
    else:
        return None, msg.NOT_INTEGER
    if negative and value:
        return None, msg.NEGATIVE
    if value > maximum:
        return None, msg.OUT_OF_RANGE
    return value, None


# A strict subset of what Django's EmailValidator accepts: a match needs no second opinion.
EMAIL_FAST = re.compile(r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
                        r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}")
PHONE_FAST = re.compile(r"\+?\d{6,20}")
CACHE_LIMIT = 10_000


class RowValidator:
    """Validates rows of one job's normalised file (columns as in ``Prepared.columns``).

    Hot path: a million rows go through ``check``, so columns with few distinct values
    (legal form, regency, date) are parsed once per distinct text and cached, and the
    common shapes of the other cells take a fast path before the general rule.
    """

    def __init__(self, *, columns: list[str], today: date, duplicates: dict[str, list[int]],
                 province_scope: str | None = None,
                 kbli_codes: set[str] | None = None, regencies: dict[str, str] | None = None):
        at = {name: i for i, name in enumerate(columns)}
        self.required = [at[c] for c in ("nib", "nama_usaha", "bentuk_usaha", "kode_wilayah",
                                         "kbli", "produk")]
        self.optional = [at.get(c) for c in ("npwp", "alamat", "penjualan_tahunan", "modal_usaha",
                                             "tenaga_kerja", "per_tanggal", "nama_kontak",
                                             "telepon", "email")]
        self.today = today
        self.duplicates = duplicates
        self.province_scope = province_scope
        self.kbli_codes = kbli_codes if kbli_codes is not None else set(
            Kbli.objects.filter(digits=5).values_list("code", flat=True))
        self.regencies = regencies if regencies is not None else dict(
            Regency.objects.values_list("code", "province_id"))
        self.province_names: dict[str, str] = {}
        self._legal: dict[str, str | None] = {}
        self._regency: dict[str, tuple[str, str | None]] = {}
        self._date: dict[str, tuple[date | None, str | None]] = {}

    @staticmethod
    def _cache(cache: dict, key: str, value):
        if len(cache) < CACHE_LIMIT:
            cache[key] = value
        return value

    def _legal_form(self, text: str) -> str | None:
        found = self._legal.get(text, False)
        if found is not False:
            return found
        key = re.sub(r"[\s.\-]+", "_", text.strip().lower()).strip("_")
        key = key.replace("_", "") if len(key) <= 4 else key  # P.T. → pt
        return self._cache(self._legal, text, LEGAL_FORMS.get(key))

    def _regency_of(self, text: str) -> tuple[str, str | None]:
        """(code, province code or None if unknown)."""
        found = self._regency.get(text)
        if found is not None:
            return found
        code = text.strip()
        if re.fullmatch(r"\d{4}", code):
            code = f"{code[:2]}.{code[2:]}"
        elif re.fullmatch(r"\d{2}\.\d", code):
            code += "0"  # Excel shows the code 35.10 as 35.1
        return self._cache(self._regency, text, (code, self.regencies.get(code)))

    def _date_of(self, text: str) -> tuple[date | None, str | None]:
        """(date, None) or (None, message)."""
        found = self._date.get(text)
        if found is not None:
            return found
        clean = text[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]00:00(:00)?", text) else text
        try:
            if not ISO_DATE.fullmatch(clean):
                raise ValueError(clean)
            value = date.fromisoformat(clean)
        except ValueError:
            result = (None, msg.DATE_FORMAT % {"value": clean})
        else:
            result = (value, str(msg.DATE_FUTURE)) if value > self.today else (value, None)
        return self._cache(self._date, text, result)

    def check(self, row: int, values: list[str]) -> tuple[CleanRow | None, list[tuple[str, str]]]:
        """``(CleanRow, [])`` or ``(None, [(column, message), …])`` in column order."""
        errors: list[tuple[str, str]] = []
        i_nib, i_name, i_legal, i_regency, i_kbli, i_products = self.required
        (i_npwp, i_address, i_sales, i_capital, i_workforce, i_as_of, i_contact, i_phone,
         i_email) = self.optional

        nib = values[i_nib]
        if not (len(nib) == 13 and nib.isascii() and nib.isdigit()):
            nib = normalise_nib(nib)
        if not nib:
            errors.append(("nib", str(msg.NIB_REQUIRED)))
        elif len(nib) != 13 or not nib.isdigit() or not nib.isascii():
            errors.append(("nib", str(msg.NIB_FORMAT)))
        elif nib in self.duplicates:
            rows = self.duplicates[nib]
            shown = ", ".join(str(r) for r in rows[:10]) + (", …" if len(rows) > 10 else "")
            errors.append(("nib", msg.NIB_TWICE % {"nib": nib, "rows": shown}))

        name = " ".join(unquote(values[i_name]).split())
        if not name:
            errors.append(("nama_usaha", str(msg.NAME_REQUIRED)))
        elif len(name) > 200:
            errors.append(("nama_usaha", msg.TOO_LONG % {"max": 200}))

        legal_form = self._legal_form(values[i_legal])
        if legal_form is None:
            errors.append(("bentuk_usaha", str(msg.LEGAL_FORM)))

        npwp = None if i_npwp is None else values[i_npwp]
        if npwp and not (npwp.isascii() and npwp.isdigit() and len(npwp) in (15, 16)):
            npwp = re.sub(r"[\s.\-]", "", unquote(npwp))
            if not (npwp.isascii() and npwp.isdigit() and len(npwp) in (15, 16)):
                errors.append(("npwp", str(msg.NPWP_FORMAT)))

        regency, province = self._regency_of(values[i_regency])
        if not regency:
            errors.append(("kode_wilayah", str(msg.REGENCY_REQUIRED)))
        elif province is None:
            errors.append(("kode_wilayah", msg.REGENCY_UNKNOWN % {"code": regency}))
        elif self.province_scope and province != self.province_scope:
            errors.append(("kode_wilayah", msg.REGENCY_OUT_OF_SCOPE % {
                "code": regency, "province": self._province_name(self.province_scope)}))

        text = values[i_kbli]
        parts = text.split(";") if "," not in text and " " not in text else re.split(
            r"[;,\s]+", text)
        codes = sorted({c for c in parts if c})
        if not codes:
            errors.append(("kbli", str(msg.KBLI_REQUIRED)))
        else:
            unknown = [c for c in codes if c not in self.kbli_codes]
            if unknown:
                errors.append(("kbli", msg.KBLI_UNKNOWN % {"codes": ", ".join(unknown)}))

        products: list[str] = []
        seen: set[str] = set()
        for part in values[i_products].split(";"):
            part = part.strip()
            product = " ".join((unquote(part) if part[:1] == "'" else part).split())
            folded = product.lower()
            if product and folded not in seen:
                seen.add(folded)
                products.append(product)
        if not products:
            errors.append(("produk", str(msg.PRODUCTS_REQUIRED)))
        elif any(len(p) > 200 for p in products):
            errors.append(("produk", msg.TOO_LONG % {"max": 200}))

        figures: list[int | None] = []
        for column, index, maximum in (("penjualan_tahunan", i_sales, MAX_BIGINT),
                                       ("modal_usaha", i_capital, MAX_BIGINT),
                                       ("tenaga_kerja", i_workforce, MAX_INT)):
            text = "" if index is None else values[index]
            if not text:
                figures.append(None)
            elif text.isascii() and text.isdigit() and len(text) < 19:
                value = int(text)
                figures.append(value)
                if value > maximum:
                    errors.append((column, str(msg.OUT_OF_RANGE)))
            else:
                value, problem = parse_amount(text, maximum)
                figures.append(value)
                if problem is not None:
                    errors.append((column, str(problem)))
        sales, capital, workforce = figures

        as_of = None
        text = "" if i_as_of is None else values[i_as_of]
        if text:
            as_of, problem = self._date_of(text)
            if problem is not None:
                errors.append(("per_tanggal", problem))
        elif sales is not None or capital is not None:
            errors.append(("per_tanggal", str(msg.DATE_REQUIRED)))

        contact_name = None if i_contact is None else unquote(values[i_contact])
        if contact_name and len(contact_name) > 150:
            errors.append(("nama_kontak", msg.TOO_LONG % {"max": 150}))
        phone = None if i_phone is None else unquote(values[i_phone])
        if phone and not PHONE_FAST.fullmatch(phone):
            digits = sum(map(str.isdigit, phone))
            if len(phone) > 30 or not PHONE.fullmatch(phone) or digits < 6:
                errors.append(("telepon", str(msg.PHONE_FORMAT)))
        email = None if i_email is None else values[i_email]
        if email:
            email = unquote(email)
            if len(email) > 254:
                errors.append(("email", msg.TOO_LONG % {"max": 254}))
            elif not EMAIL_FAST.fullmatch(email):
                try:
                    validate_email(email)
                except ValidationError:
                    errors.append(("email", str(msg.EMAIL_FORMAT)))

        if errors:
            return None, errors
        return CleanRow(
            row=row, values=values, nib=nib, name=name, legal_form=legal_form, regency=regency,
            kbli=tuple(codes), products=tuple(products), npwp=npwp,
            address=None if i_address is None else unquote(values[i_address]),
            contact_name=contact_name, phone=phone, email=email.lower() if email else email,
            annual_sales=sales, business_capital=capital, workforce=workforce, as_of=as_of,
            decision=decide_scale(annual_sales=sales, business_capital=capital)
            if sales is not None or capital is not None else None,
            search_text=search_text_for(name=name, products=products),
        ), []

    def _province_name(self, code: str) -> str:
        if code not in self.province_names:
            from rantai.taxonomy.models import Province

            province = Province.objects.filter(code=code).first()
            self.province_names[code] = province.name if province else code
        return self.province_names[code]


def spreadsheet_safe(text: str) -> str:
    """``text`` for a CSV/XLSX cell that no spreadsheet will run as a formula: a leading
    apostrophe before ``=``/``@`` and before ``+``/``-`` unless the rest is a plain number
    or phone number. ``unquote`` reverses it on import."""
    if text and (text[0] in "=@" or (text[0] in "+-" and not PHONE.fullmatch(text))):
        return "'" + text
    return text
