"""Bulk import of supplier profiles from CSV or XLSX (agency staff, web, API and CLI).

The flow, module by module:

``upload``    checks a stored upload by content (size, CSV text vs XLSX zip, zip-bomb guard).
``services``  stores the file under MEDIA_ROOT/imports/ and queues a ``rantai.jobs`` Job.
``runner``    the job handler: ``prepare`` once, then chunks of rows, each committed in one
              transaction together with the job's checkpoint (so a restart resumes there).
``prepare``   reads the source once (``readers``), maps the header (``columns``), writes a
              normalised UTF-8 CSV of the rows and finds NIBs used more than once.
``validate``  turns one row into a ``CleanRow`` or a list of (column, message).
``apply``     upserts a chunk of clean rows by NIB with a handful of set-based queries
              (``fastsql``): new profiles, changed profiles, unchanged ones.
``report``    the error report (CSV): the rejected rows with ``baris``, ``kolom``, ``alasan``.
``templates`` the downloadable CSV/XLSX templates.

See docs/import.md for the file format and every message.
"""
