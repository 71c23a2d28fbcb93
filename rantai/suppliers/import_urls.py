"""Supplier import and export pages, mounted at /pemasok/impor/ (``supplier-imports:``)."""
from django.urls import path

from . import import_views as views

app_name = "supplier-imports"
urlpatterns = [
    path("", views.import_home, name="home"),
    path("<int:job_id>/", views.import_detail, name="detail"),
    path("<int:job_id>/kesalahan.csv", views.import_errors, name="errors"),
    path("templat.csv", views.template_csv, name="template-csv"),
    path("templat.xlsx", views.template_xlsx, name="template-xlsx"),
    path("ekspor/", views.export, name="export"),
    path("ekspor/<int:job_id>/", views.export_detail, name="export-detail"),
    path("ekspor/<int:job_id>/unduh/", views.export_download, name="export-download"),
]
