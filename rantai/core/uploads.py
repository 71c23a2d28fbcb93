"""What an uploaded document really is, judged by its first bytes (never by its name).

Documents and drawings people attach (certificates, need drawings, quote attachments) may
be PDF, JPEG or PNG, and drawings also AutoCAD DWG. Anything else — an executable or an
HTML page renamed ``.pdf`` — is refused before it is stored.
"""
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_MAGIC = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
DRAWING_MAGIC = DOCUMENT_MAGIC + (b"AC10",)  # DWG: "AC1015", "AC1032", …


def document_problem(upload, *, drawings: bool = False,
                     max_bytes: int = MAX_DOCUMENT_BYTES) -> str | None:
    """A translated message if ``upload`` (a Django uploaded file) is too large or not an
    accepted type by content; None if it may be stored. Leaves the file at its start."""
    if upload.size > max_bytes:
        return _("Berkas terlalu besar (maksimal %(mb)d MB).") % {"mb": max_bytes // (1024 * 1024)}
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(DRAWING_MAGIC if drawings else DOCUMENT_MAGIC):
        if drawings:
            return _("Berkas harus berupa PDF, JPG, PNG atau gambar teknik DWG.")
        return _("Dokumen harus berupa PDF, JPG atau PNG.")
    return None
