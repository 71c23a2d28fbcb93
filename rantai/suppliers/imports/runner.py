"""The ``supplier.import`` job handler (registered in ``rantai.jobs.registry``).

1. Prepare once (``prepare``): the normalised rows file, the row count (the progress
   total) and the NIBs used twice; committed as the first checkpoint.
2. Chunks of ``conf.chunk_rows()`` rows: validate, ``apply_chunk``, store the rejected rows
   as ``JobIssue``s and save the checkpoint (rows done, counts) — all in ONE transaction. A
   crash loses at most the chunk in flight, and the next run (the same worker restarted,
   another worker, or ``import_suppliers`` again) skips the rows already committed.
3. Finish: one audit entry ``supplier.import`` with the counts, in the transaction that
   marks the job done. A file that cannot be imported at all fails the job with a message
   (and is audited too). The upload and the working files are deleted at the end: the data
   is in the database, the rejected rows in the error report.
"""
import shutil
from itertools import islice
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from rantai.core import clock
from rantai.core.audit import audit_append
from rantai.jobs.models import JobIssue
from rantai.jobs.worker import JobContext, JobFailed, JobInterrupted, JobLost

from . import conf
from . import messages as msg
from .apply import apply_chunk
from .errors import ImportFileError
from .fastsql import bulk_session, relax_commit_durability
from .prepare import ENCODING_LABELS, Prepared, prepare, read_prepared
from .validate import RowValidator

IMPORT_KIND = "supplier.import"
COUNTS = ("imported", "updated", "unchanged", "rejected")


def upload_path(payload: dict) -> Path:
    return conf.storage_dir().parent / payload["path"]


def workdir_of(job_id: int) -> Path:
    return conf.storage_dir() / "work" / str(job_id)


def run_import(ctx: JobContext) -> dict:
    """Run (or resume) one import job to the end; the result shown on the job page."""
    payload = ctx.payload
    checkpoint = dict(ctx.checkpoint)
    try:
        if "prepared" not in checkpoint:
            prepared = prepare(upload_path(payload), payload["kind"], workdir_of(ctx.job.pk),
                               beat=ctx.beat)
            checkpoint = {"prepared": prepared.as_dict(), "rows_done": 0,
                          "counts": dict.fromkeys(COUNTS, 0)}
            with transaction.atomic():
                ctx.save(done=0, total=prepared.total, checkpoint=checkpoint)
        prepared = Prepared.from_dict(checkpoint["prepared"])
        validator = RowValidator(columns=prepared.columns, duplicates=prepared.duplicates(),
                                 today=timezone.localdate(clock.now()),
                                 province_scope=payload.get("province"))
        size = payload.get("chunk_rows") or conf.chunk_rows()
        rows = read_prepared(prepared, skip=checkpoint["rows_done"])
        with bulk_session():
            while chunk := list(islice(rows, size)):
                clean, issues = _validate_chunk(chunk, validator)
                checkpoint = _commit_chunk(ctx, len(chunk), clean, issues, checkpoint)
                if ctx.stop_requested():
                    raise JobInterrupted
        result = {"total": prepared.total, **checkpoint["counts"],
                  "encoding": ENCODING_LABELS.get(prepared.encoding, prepared.encoding),
                  "columns": prepared.columns, "filename": payload.get("filename", "")}
        with transaction.atomic():
            _audit(ctx, result, status="done")
            ctx.finish(result)
    except (JobInterrupted, JobLost):
        raise
    except ImportFileError as error:
        with transaction.atomic():
            _audit(ctx, {"error": str(error)}, status="failed")
        _clean_up(ctx)
        raise JobFailed(str(error)) from error
    except Exception:
        with transaction.atomic():
            _audit(ctx, {"counts": checkpoint.get("counts", {})}, status="failed")
        _clean_up(ctx)  # the worker marks the job failed; failed jobs are not retried
        raise
    _clean_up(ctx)
    return result


def _validate_chunk(chunk: list, validator: RowValidator) -> tuple[list, list]:
    """(valid rows, [(row number, values, errors)]), in memory."""
    clean, issues, nibs = [], [], set()
    for number, values in chunk:
        row, errors = validator.check(number, values)
        if row is not None and row.nib in nibs:  # defensive: prepare already caught these
            row, errors = None, [("nib", msg.NIB_TWICE % {"nib": row.nib, "rows": number})]
        if row is None:
            issues.append((number, values, errors))
        else:
            nibs.add(row.nib)
            clean.append(row)
    return clean, issues


def _commit_chunk(ctx: JobContext, length: int, clean: list, issues: list,
                  checkpoint: dict) -> dict:
    """Write one validated chunk, its rejected rows and the checkpoint in ONE transaction."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                relax_commit_durability()  # the checkpoint commits with the rows (see fastsql)
                outcome = apply_chunk(clean, now=clock.now(),
                                      province_scope=ctx.payload.get("province"))
                rejected = issues + [(r.row, r.values, e) for r, e in outcome.rejected]
                JobIssue.objects.bulk_create([
                    JobIssue(job_id=ctx.job.pk, row=number, values=values,
                             columns=" | ".join(c for c, _m in errors)[:300],
                             reasons=" | ".join(m for _c, m in errors))
                    for number, values, errors in sorted(rejected, key=lambda item: item[0])])
                counts = dict(checkpoint["counts"])
                counts["imported"] += outcome.imported
                counts["updated"] += outcome.updated
                counts["unchanged"] += outcome.unchanged
                counts["rejected"] += len(rejected)
                new = {**checkpoint, "rows_done": checkpoint["rows_done"] + length,
                       "counts": counts}
                ctx.save(done=new["rows_done"], checkpoint=new)
            return new
        except IntegrityError:
            # Someone else stored one of these NIBs between our read and our insert: read
            # again (that row is then an update or a refusal).
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _audit(ctx: JobContext, figures: dict, *, status: str) -> None:
    payload = ctx.payload
    audit_append(action="supplier.import", obj=ctx.job, actor=ctx.job.created_by,
                 organisation_id=ctx.job.organisation_id,
                 payload={"status": status, "file": payload.get("filename", ""),
                          "sha256": payload.get("sha256", ""), "via": payload.get("via", ""),
                          **{k: v for k, v in figures.items() if k not in ("columns", "filename")}})


def _clean_up(ctx: JobContext) -> None:
    shutil.rmtree(workdir_of(ctx.job.pk), ignore_errors=True)
    upload_path(ctx.payload).unlink(missing_ok=True)
