"""The demo builder: a believable year of Rantai, replayed through the real services.

``python manage.py seed_demo`` builds it; ``python manage.py demo_logins`` lists the
logins. Every demo user signs in with the password ``rantai-demo`` (``DEMO_PASSWORD``) —
demo data only: never seed a production database.

Layout: data tables (``sectors``, ``organisations``, ``needs``), pure generators that turn
one seed into a ``Plan`` (``names``, ``regions``, ``smes``, ``timeline``, ``generate``), and
the ``writer`` that replays the plan into the database with ``clock.frozen_at``.
"""

DEMO_PASSWORD = "rantai-demo"
DEMO_SEED = 20221124        # the day of the partnership forum
DEFAULT_SMES = 2000
