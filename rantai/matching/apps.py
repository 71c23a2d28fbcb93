from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "rantai.matching"
    label = "matching"
    verbose_name = "Pencocokan"
