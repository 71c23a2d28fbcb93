"""API v1 URLs, mounted at /api/v1/ by ``rantai.urls``; URL names live in ``api-v1``."""
from django.urls import path

from .api import api

urlpatterns = [path("", api.urls)]
