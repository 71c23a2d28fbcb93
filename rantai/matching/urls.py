from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("peluang/", views.opportunities, name="opportunities"),
    path("kebutuhan/<int:need_id>/", views.need_matches, name="need-matches"),
    path("kebutuhan/<int:need_id>/undang/", views.candidate_invite, name="candidate-invite"),
]
