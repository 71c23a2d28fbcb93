import os

from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "rantai.matching"
    label = "matching"
    verbose_name = "Pencocokan"

    def ready(self) -> None:
        from . import signals

        signals.connect()
        if os.environ.get("RANTAI_MATCHING_WARM") == "1":  # web processes: build at start-up
            from .live import warm_in_background

            warm_in_background()
