from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "rantai.taxonomy"
    label = "taxonomy"
    verbose_name = "Data rujukan"
