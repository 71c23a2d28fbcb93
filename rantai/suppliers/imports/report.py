"""The error report of an import: the rejected rows as CSV, streamed.

Columns: the known columns the upload had (values as read, so the file can be corrected
and imported again; ``baris``, ``kolom`` and ``alasan`` are ignored then), followed by
``baris`` (the row number in the uploaded file), ``kolom`` and ``alasan`` (several
problems in one row are separated by `` | ``, in the same order).
"""
import csv
from collections.abc import Iterator

from rantai.jobs.models import Job, JobIssue

from .columns import NAMES, REPORT_EXTRA
from .validate import spreadsheet_safe


class _Line:
    """A file-like sink that hands back what csv.writer writes."""

    def write(self, text: str) -> str:
        return text


def report_columns(job: Job) -> list[str]:
    return list(job.checkpoint.get("prepared", {}).get("columns") or NAMES)


def error_report_lines(job: Job) -> Iterator[str]:
    """The report as CSV text, a line at a time (UTF-8 BOM first, for Excel)."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([*report_columns(job), *REPORT_EXTRA])
    issues = (JobIssue.objects.filter(job=job).order_by("row", "id")
              .values_list("values", "row", "columns", "reasons"))
    for values, row, columns, reasons in issues.iterator(chunk_size=2000):
        yield writer.writerow([*(spreadsheet_safe(v) for v in values), row, columns, reasons])


def report_filename(job: Job) -> str:
    return f"impor-{job.pk}-kesalahan.csv"
