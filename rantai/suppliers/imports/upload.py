"""What a stored upload really is, judged by its bytes (never by its name).

``check_upload(path)`` answers "csv" or "xlsx" or raises ImportFileError with a message
saying what to do. An XLSX must be a zip holding OOXML spreadsheet content types, and its
entries' declared sizes are checked before anything decompresses them (zip bombs): the
total, the compression ratio of each sizeable entry, and the shared-strings part (which
openpyxl holds in memory even in read-only mode). ``zipfile`` never inflates an entry past
its declared size, so the declared sizes are binding.
"""
import codecs
import csv
import io
import zipfile
from pathlib import Path

from . import conf
from . import messages as msg
from .columns import NAMES, REQUIRED, header_key
from .errors import ImportFileError

SPREADSHEET_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
HEAD_BYTES = 64 * 1024
# Bytes that never occur in CSV text (tab, LF, CR excluded).
CONTROL = bytes(b for b in range(32) if b not in (9, 10, 13))


def check_upload(path: Path) -> str:
    """"csv" or "xlsx", judged by content; ImportFileError otherwise."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip():
        raise ImportFileError(str(msg.EMPTY_FILE))
    if head.startswith(b"PK\x03\x04"):
        check_xlsx(path)
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(str(msg.OLD_XLS))
    check_csv_head(head)
    return "csv"


def check_xlsx(path: Path) -> None:
    """Raise ImportFileError unless ``path`` is an OOXML workbook within the size limits."""
    not_xlsx = str(msg.NOT_XLSX)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFileError(not_xlsx) from error
    with archive:
        infos = archive.infolist()
        names = {info.filename: info for info in infos}
        types = names.get("[Content_Types].xml")
        if types is None or types.file_size > 1024 * 1024 or "xl/workbook.xml" not in names:
            raise ImportFileError(not_xlsx)
        if SPREADSHEET_MAIN not in archive.read(types):
            raise ImportFileError(not_xlsx)
        too_big = str(msg.XLSX_BOMB)
        if sum(info.file_size for info in infos) > conf.xlsx_max_uncompressed():
            raise ImportFileError(too_big)
        for info in infos:
            if (info.file_size > 1024 * 1024
                    and info.file_size > conf.xlsx_max_ratio() * max(info.compress_size, 1)):
                raise ImportFileError(too_big)
        shared = names.get("xl/sharedStrings.xml")
        if shared is not None and shared.file_size > conf.xlsx_max_shared_strings():
            raise ImportFileError(too_big)


def detect_text_encoding(head: bytes) -> str:
    """The codec to read a CSV with, from its first bytes (``prepare`` decodes the rest): a
    BOM decides; else UTF-8 if the bytes decode, or if they stop decoding after valid
    non-ASCII text (broken UTF-8, refused when read); else Windows-1252 (Excel's "CSV" on
    Windows: plain ASCII up to the first byte UTF-8 rejects)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError as error:
        return "utf-8-sig" if not head[:error.start].isascii() else "cp1252"
    return "utf-8-sig"


def check_csv_head(head: bytes) -> None:
    """The first 64 KB must be text in a supported encoding and start with a header row
    holding every required column."""
    encoding = detect_text_encoding(head)
    if encoding != "utf-16" and any(b in CONTROL for b in head):
        raise ImportFileError(str(msg.NOT_TEXT))
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError as error:
        if encoding == "utf-8-sig":
            row = head[:error.start].count(b"\n") + 1
            raise ImportFileError(msg.BROKEN_UTF8 % {"row": row}) from error
        raise ImportFileError(str(msg.BAD_ENCODING)) from error
    header = csv_header(text)
    column_positions(header)


def sniff_delimiter(first_line: str) -> str:
    """Comma, semicolon (Excel with Indonesian regional settings) or tab: the commonest one
    in the header line."""
    return max((",", ";", "\t"), key=first_line.count)


def csv_header(text: str) -> list[str]:
    """The header cells of CSV ``text``."""
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(first_line))
    return next(reader, [])


def column_positions(header: list) -> dict[str, int]:
    """Column name → index for the known columns in ``header``; ImportFileError naming the
    required columns that are missing, or a column given twice."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = header_key(str(cell or ""))
        if not key:
            continue
        if key in positions and key in NAMES:
            raise ImportFileError(msg.DUPLICATE_COLUMN % {"column": key})
        positions.setdefault(key, index)
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        raise ImportFileError(msg.MISSING_COLUMNS % {"columns": ", ".join(missing)})
    return positions
