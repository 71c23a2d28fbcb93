"""Import limits, from settings with defaults (override in settings or tests)."""
from pathlib import Path

from django.conf import settings


def max_upload_bytes() -> int:
    """Largest accepted upload (``SUPPLIER_IMPORT_MAX_BYTES``, default 200 MB)."""
    return getattr(settings, "SUPPLIER_IMPORT_MAX_BYTES", 200 * 1024 * 1024)


def chunk_rows() -> int:
    """Rows per transaction/checkpoint (``SUPPLIER_IMPORT_CHUNK_ROWS``, default 5000)."""
    return getattr(settings, "SUPPLIER_IMPORT_CHUNK_ROWS", 5000)


def xlsx_max_uncompressed() -> int:
    """Sum of the uncompressed sizes of an XLSX's entries (default 3 GiB: ~1M rows)."""
    return getattr(settings, "SUPPLIER_IMPORT_XLSX_MAX_UNCOMPRESSED", 3 * 1024 ** 3)


def xlsx_max_ratio() -> int:
    """Largest compression ratio of one sizeable XLSX entry (default 200; bombs reach 1000+)."""
    return getattr(settings, "SUPPLIER_IMPORT_XLSX_MAX_RATIO", 200)


def xlsx_max_shared_strings() -> int:
    """Largest uncompressed shared-strings part: openpyxl holds it in memory (default 200 MB)."""
    return getattr(settings, "SUPPLIER_IMPORT_XLSX_MAX_SHARED_STRINGS", 200 * 1024 * 1024)


def storage_dir() -> Path:
    """Where uploads and the job's working files live: MEDIA_ROOT/imports/ (never served)."""
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path
