from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "rantai.insights"
    label = "insights"
    verbose_name = "Pemantauan"
