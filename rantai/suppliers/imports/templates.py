"""The downloadable templates: CSV (header only) and XLSX (an empty data sheet whose code
columns are formatted as text, plus a "Petunjuk" sheet: column, required, meaning,
example). Only the first sheet is imported, so the examples never become data."""
import io

from django.utils.translation import gettext as _

from .columns import COLUMNS, NAMES

TEXT_COLUMNS = {"nib", "npwp", "kode_wilayah", "kbli", "telepon", "per_tanggal"}


def template_csv() -> bytes:
    return ("\ufeff" + ",".join(NAMES) + "\r\n").encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    data = workbook.active
    data.title = "Data"
    data.append(list(NAMES))
    for index, name in enumerate(NAMES, start=1):
        letter = get_column_letter(index)
        data[f"{letter}1"].font = Font(bold=True)
        data.column_dimensions[letter].width = max(14, len(name) + 4)
        if name in TEXT_COLUMNS:  # keep leading zeros and 35.10 as typed
            data.column_dimensions[letter].number_format = "@"
    data.freeze_panes = "A2"
    guide = workbook.create_sheet(_("Petunjuk"))
    guide.append([_("kolom"), _("wajib"), _("keterangan"), _("contoh")])
    for column in COLUMNS:
        guide.append([column.name, _("ya") if column.required else _("tidak"), str(column.help),
                      column.example])
    for letter, width in (("A", 20), ("B", 8), ("C", 60), ("D", 30)):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
