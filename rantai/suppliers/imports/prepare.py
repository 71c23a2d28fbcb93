"""Pass one over an upload: read it once, write the rows as a normalised CSV, count them and
find the NIBs used on more than one row.

The normalised file (UTF-8, comma, header ``baris`` + the known columns present, in
``columns.NAMES`` order) is what the chunks read, whatever the source was; resuming after a
crash re-reads it, which is fast and independent of the source format. Blank rows (every
known column empty) are skipped and not counted.
"""
import csv
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from . import messages as msg
from .columns import NAMES
from .errors import ImportFileError
from .readers import DecodeFailed, cell_text, guess_csv_encoding, open_csv, open_xlsx
from .upload import column_positions
from .validate import normalise_nib

ENCODING_LABELS = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252",
                   "xlsx": "XLSX"}


@dataclass
class Prepared:
    path: str            # the normalised CSV
    columns: list[str]   # the known columns present in the upload, in NAMES order
    total: int           # data rows (blank rows not counted)
    encoding: str        # how the source was read: utf-8-sig, utf-16, cp1252 or xlsx
    duplicates_path: str  # JSON: NIB -> the rows it appears on (only NIBs seen twice or more)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Prepared":
        return cls(**data)

    def duplicates(self) -> dict[str, list[int]]:
        with open(self.duplicates_path, encoding="utf-8") as handle:
            return json.load(handle)


def prepare(source: Path, kind: str, workdir: Path, *, beat=lambda: None) -> Prepared:
    """Read ``source`` ("csv" or "xlsx") into ``workdir``; ImportFileError for a file that
    cannot be imported at all. Safe to run again after a crash (it overwrites its output)."""
    if not source.exists():
        raise ImportFileError(str(msg.FILE_MISSING))
    if kind == "xlsx":
        return _prepare(*open_xlsx(source), "xlsx", workdir, beat, xlsx=True)
    encoding = guess_csv_encoding(source)
    try:
        return _prepare(*open_csv(source, encoding), encoding, workdir, beat)
    except DecodeFailed as failure:
        if encoding == "utf-8-sig" and failure.clean_so_far:
            try:  # plain ASCII up to a byte UTF-8 rejects: Excel's "CSV" on Windows
                return _prepare(*open_csv(source, "cp1252"), "cp1252", workdir, beat)
            except DecodeFailed:
                raise ImportFileError(str(msg.BAD_ENCODING)) from None
        if encoding == "utf-8-sig":
            raise ImportFileError(msg.BROKEN_UTF8 % {"row": failure.row}) from None
        raise ImportFileError(str(msg.BAD_ENCODING)) from None


def _prepare(header, rows, encoding: str, workdir: Path, beat, *, xlsx: bool = False) -> Prepared:
    positions = column_positions(header)
    present = [name for name in NAMES if name in positions]
    indexes = [positions[name] for name in present]
    nib_at = present.index("nib")
    workdir.mkdir(parents=True, exist_ok=True)
    out_path = workdir / "rows.csv"
    first_row: dict = {}
    duplicates: dict[str, list[int]] = {}
    total = 0
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["baris", *present])
        for number, cells in rows:
            width = len(cells)
            if xlsx:
                values = [cell_text(cells[i], name).strip() if i < width else ""
                          for i, name in zip(indexes, present, strict=True)]
            else:
                values = [cells[i].strip() if i < width else "" for i in indexes]
            if not any(values):
                continue
            writer.writerow([number, *values])
            total += 1
            nib = values[nib_at]
            if not (len(nib) == 13 and nib.isascii() and nib.isdigit()):
                nib = normalise_nib(nib)  # the NIB the row will be stored under
            # 13-digit NIBs as ints: a million keys then cost ~100 MB, not ~200 MB.
            key = int(nib) if len(nib) == 13 and nib.isascii() and nib.isdigit() else nib
            seen = first_row.setdefault(key, number)
            if seen != number and nib:
                duplicates.setdefault(nib, [seen]).append(number)
            if total % 20000 == 0:
                beat()
        out.flush()
        os.fsync(out.fileno())
    if total == 0:
        raise ImportFileError(str(msg.NO_ROWS))
    duplicates_path = workdir / "duplicates.json"
    with open(duplicates_path, "w", encoding="utf-8") as handle:
        json.dump(duplicates, handle)
        handle.flush()
        os.fsync(handle.fileno())
    return Prepared(path=str(out_path), columns=present, total=total, encoding=encoding,
                    duplicates_path=str(duplicates_path))


def read_prepared(prepared: Prepared, *, skip: int = 0):
    """Yield ``(row_number, values)`` from the normalised file, after the first ``skip``."""
    with open(prepared.path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for index, record in enumerate(reader):
            if index < skip:
                continue
            yield int(record[0]), record[1:]
