"""Queue an import: check the upload, store it, create the job."""
import hashlib
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from rantai.accounts.choices import OrgKind
from rantai.accounts.models import Membership, User
from rantai.accounts.permissions import require_membership
from rantai.jobs.models import Job
from rantai.jobs.services import job_enqueue

from . import conf
from . import messages as msg
from .errors import ImportFileError
from .runner import IMPORT_KIND
from .upload import check_upload


def _chunks(source):
    if isinstance(source, Path):
        with open(source, "rb") as handle:
            while block := handle.read(1024 * 1024):
                yield block
    else:  # a Django UploadedFile
        yield from source.chunks(1024 * 1024)


def _store(source, limit: int | None) -> tuple[Path, str, int]:
    """Copy ``source`` under MEDIA_ROOT/imports/, refusing more than ``limit`` bytes."""
    limit = limit if limit is not None else float("inf")
    declared = getattr(source, "size", None)
    if declared is not None and declared > limit:
        raise ValidationError({"file": msg.TOO_LARGE % {"max": filesizeformat(limit)}})
    path = conf.storage_dir() / f"{uuid.uuid4().hex}.upload"
    digest, size = hashlib.sha256(), 0
    with open(path, "wb") as out:
        for block in _chunks(source):
            size += len(block)
            if size > limit:
                out.close()
                path.unlink(missing_ok=True)
                raise ValidationError({"file": msg.TOO_LARGE % {"max": filesizeformat(limit)}})
            digest.update(block)
            out.write(block)
    return path, digest.hexdigest(), size


def import_enqueue(*, membership: Membership | None, source, filename: str, language: str,
                   via: str = "web", user: User | None = None,
                   chunk_rows: int | None = None, size_limit: bool = True) -> Job:
    """Check ``source`` (an uploaded file or a path) by content and queue its import.

    ``membership`` must be agency staff; None only for an operator at the command line
    (``user`` then names who ran it, if known). Raises ValidationError keyed ``file`` for an
    upload that is too large or not a CSV/XLSX we can read; nothing is queued then.
    ``size_limit=False`` (the command line: a local file an operator chose) lifts the upload
    size limit; the XLSX zip-bomb guard always applies.
    Rows of a province-scoped officer must lie in that province.
    """
    if membership is not None:
        require_membership(membership, kinds=[OrgKind.AGENCY])
    path, sha256, size = _store(source, conf.max_upload_bytes() if size_limit else None)
    try:
        kind = check_upload(path)
    except ImportFileError as error:
        path.unlink(missing_ok=True)
        raise ValidationError({"file": str(error)}) from error
    payload = {
        "path": str(path.relative_to(conf.storage_dir().parent)), "kind": kind,
        "filename": Path(filename).name[:200], "sha256": sha256, "size": size,
        "language": language, "via": via,
        "province": membership.province_id if membership else None,
    }
    if chunk_rows:
        payload["chunk_rows"] = chunk_rows
    return job_enqueue(kind=IMPORT_KIND, payload=payload,
                       created_by=membership.user if membership else user,
                       organisation=membership.organisation if membership else None)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    for block in _chunks(path):
        digest.update(block)
    return digest.hexdigest()
