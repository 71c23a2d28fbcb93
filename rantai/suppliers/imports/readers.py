"""Rows out of a CSV or XLSX file, one at a time (constant memory).

``open_csv`` and ``open_xlsx`` return ``(header, rows)`` where ``rows`` yields
``(row_number, cells)``: the row number as a spreadsheet shows it (header = 1), cells as
read. XLSX cells come back as Python values; ``cell_text`` turns them into the text a
person typed, column by column (a KBLI typed as a number loses its leading zero in Excel,
a regency code 35.10 becomes the number 35.1).
"""
import csv
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

from . import messages as msg
from .errors import ImportFileError
from .upload import HEAD_BYTES, detect_text_encoding, sniff_delimiter

Rows = Iterator[tuple[int, list]]


class DecodeFailed(Exception):
    """The CSV stopped decoding at ``row``; ``clean_so_far``: every earlier line was ASCII
    (so the file is plausibly in a single-byte Windows encoding, not broken UTF-8)."""

    def __init__(self, row: int, clean_so_far: bool):
        super().__init__(row)
        self.row = row
        self.clean_so_far = clean_so_far


def guess_csv_encoding(path: Path) -> str:
    with open(path, "rb") as handle:
        return detect_text_encoding(handle.read(HEAD_BYTES))


def open_csv(path: Path, encoding: str) -> tuple[list[str], Rows]:
    """Header and rows of a CSV in ``encoding``; the delimiter is sniffed from the header.

    Iterating raises DecodeFailed if the bytes stop decoding, ImportFileError if the CSV
    cannot be parsed.
    """
    handle = open(path, encoding=encoding, newline="")  # closed when rows() ends
    state = {"ascii": True, "row": 0}

    def lines():
        for line in handle:
            if state["ascii"] and not line.isascii():
                state["ascii"] = False
            yield line

    try:
        first = handle.readline()
        handle.seek(0)
    except UnicodeDecodeError as error:
        handle.close()
        raise DecodeFailed(1, False) from error
    reader = csv.reader(lines(), delimiter=sniff_delimiter(first))

    def rows() -> Rows:
        try:
            for number, cells in enumerate(reader, start=1):
                state["row"] = number
                yield number, cells
        except UnicodeDecodeError as error:
            raise DecodeFailed(state["row"] + 1, state["ascii"]) from error
        except csv.Error as error:
            raise ImportFileError(msg.BAD_CSV % {"row": state["row"] + 1, "reason": error}) from error
        finally:
            handle.close()

    iterator = rows()
    try:
        _number, header = next(iterator)
    except StopIteration:
        header = []
    return header, iterator


def open_xlsx(path: Path) -> tuple[list, Rows]:
    """Header and rows of the first worksheet, streamed in constant memory.

    openpyxl (read-only) reads the workbook's structure, shared strings and styles (which
    cell styles are dates); the sheet's rows are then streamed with a lean ``iterparse``
    loop instead of openpyxl's per-cell objects, which cost ~10 µs a cell (2/3 of an XLSX
    import's time) and made openpyxl scan a sheet without a ``<dimension>`` (files written
    in write-only mode, like our exports) twice. Row numbers are the sheet's own (``r``).
    The file must have passed ``upload.check_xlsx`` (zip-bomb guard) first.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    handle = open(path, "rb")  # a file object: openpyxl would judge a path by its extension
    try:
        reader = ExcelReader(handle, read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        target = next(rel.target for _sheet, rel in reader.parser.find_sheets()
                      if rel.target in reader.valid_files and "chartsheet" not in rel.Type)
        source = reader.archive.open(target)
    except (zipfile.BadZipFile, KeyError, IndexError, ValueError, OSError, StopIteration,
            TypeError, SyntaxError) as error:
        handle.close()
        raise ImportFileError(str(msg.NOT_XLSX)) from error
    rows = _sheet_rows(source, reader.shared_strings, set(reader.wb._date_formats),
                       reader.wb.epoch)

    def guarded() -> Rows:
        try:
            yield from rows
        except (zipfile.BadZipFile, KeyError, IndexError, ValueError, OSError,
                SyntaxError) as error:
            raise ImportFileError(str(msg.NOT_XLSX)) from error
        finally:
            source.close()
            reader.archive.close()
            handle.close()

    iterator = guarded()
    try:
        _number, header = next(iterator)
    except StopIteration:
        header = []
    return header, iterator


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE = f"{_NS}row", f"{_NS}c", f"{_NS}v", f"{_NS}is"
_TEXT, _RUN, _SHEET_DATA = f"{_NS}t", f"{_NS}r", f"{_NS}sheetData"


def _inline_text(cell) -> str:
    inline = cell.find(_INLINE)
    if inline is None:
        return ""
    parts = []
    for child in inline:  # <t>, or rich-text runs <r><t>; phonetic runs <rPh> are skipped
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            parts.append(child.findtext(_TEXT) or "")
    return "".join(parts)


def _sheet_rows(source, shared: list, date_styles: set, epoch) -> Rows:
    """(row number, cell values) of a worksheet part, as openpyxl's read-only mode would
    give them with ``values_only=True`` and ``data_only=True``."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import column_index_from_string
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    columns: dict[str, int] = {}
    number = 0
    sheet_data = None
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            if element.tag == _SHEET_DATA:
                sheet_data = element
            continue
        if element.tag != _ROW:
            continue
        reference = element.get("r")
        number = int(reference) if reference else number + 1
        values: list = []
        for cell in element:
            if cell.tag != _CELL:
                continue
            ref = cell.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                index = columns.get(letters)
                if index is None:
                    index = columns[letters] = column_index_from_string(letters)
                while len(values) < index - 1:
                    values.append(None)
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                values.append(_inline_text(cell))
                continue
            raw = cell.findtext(_VALUE)
            if raw is None:
                value = None
            elif kind == "n":
                value = float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)
                style = cell.get("s")
                if style and int(style) in date_styles:
                    value = from_excel(value, epoch)
            elif kind == "s":
                value = shared[int(raw)]
            elif kind == "b":
                value = raw == "1"
            elif kind == "d":
                value = from_ISO8601(raw)
            else:  # str (a formula's text), e (an error such as #N/A)
                value = raw
            values.append(value)
        if sheet_data is not None:
            sheet_data.clear()  # constant memory: drop the rows already read
        else:
            element.clear()
        yield number, values


def cell_text(value, column: str) -> str:
    """What a person meant by an XLSX cell's value, as text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if column == "kode_wilayah":
            return f"{value:.2f}"  # 35.1 is how Excel shows the code 35.10
        if value.is_integer():
            value = int(value)
        else:
            return repr(value)
    if isinstance(value, int):
        text = str(value)
        if column == "kbli" and len(text) < 5:
            return text.zfill(5)  # 1111 is how Excel stores the KBLI code 01111
        return text
    return str(value)
