from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("pesanan/<int:order_id>/", views.rate_order, name="rate-order"),
]
