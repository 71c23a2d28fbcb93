from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("kbli/", views.kbli_options, name="kbli-options"),
    path("wilayah/", views.regency_options, name="regency-options"),
]
