from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    path("rincian/<slug:metric>/", views.drilldown, name="drilldown"),
    path("kepatuhan/", views.compliance_page, name="compliance"),
    path("kepatuhan/<int:buyer_id>/", views.compliance_buyer, name="compliance-buyer"),
    path("wilayah/", views.regional_page, name="regional"),
]
