"""URL map: pages per app, the JSON API under /api/v1/, the admin, language switching."""
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Rantai — Administrasi"
admin.site.site_title = "Rantai"
admin.site.index_title = "Data platform"

urlpatterns = [
    path("", include("rantai.core.urls")),
    path("akun/", include("rantai.accounts.urls")),
    path("rujukan/", include("rantai.taxonomy.urls")),
    path("pemasok/impor/", include("rantai.suppliers.import_urls")),
    path("pemasok/", include("rantai.suppliers.urls")),
    path("pengadaan/", include("rantai.sourcing.urls")),
    path("pencocokan/", include("rantai.matching.urls")),
    path("penilaian/", include("rantai.development.urls")),
    path("pemantauan/", include("rantai.insights.urls")),
    path("forum/", include("rantai.forums.urls")),
    path("data-terbuka/", include("rantai.opendata.urls")),
    path("notifikasi/", include("rantai.notifications.urls")),
    path("api/v1/", include("rantai.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url=static("rantai/favicon.svg"), permanent=True)),
]
