from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.opendata_page, name="index"),
    path("ocds.json", views.ocds_download, name="ocds"),
    path("ekstensi/extension.json", views.extension_file, {"name": "extension.json"},
         name="extension"),
    path("ekstensi/release-schema.json", views.extension_file, {"name": "release-schema.json"},
         name="extension-schema"),
]
