"""Background jobs: a database queue (``Job``) and a worker (``manage.py run_worker``).

Long work (imports, index rebuilds) is queued as a ``Job`` and run by a worker process that
claims it with a conditional UPDATE, so it works the same on SQLite and PostgreSQL and any
number of workers can pull from one database. Handlers checkpoint their progress inside
their own transactions; a job whose worker died (no heartbeat) is claimed again and resumes
from its last committed checkpoint.
"""
