"""URL map: the public site, the Wagtail admin and CMS pages, and the versioned API."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

api_v1 = [
    path("", include("accounts.api.urls")),
    path("", include("marketplace.api.urls")),
    path("", include("search.api.urls")),
    path("registration/", include("registration.api.urls")),
    path("deals/", include("dealflow.api.urls")),
    path("challenges/", include("challenges.api.urls")),
    path("events/", include("matchmaking.api.urls")),
    path("competitions/", include("competitions.api.urls")),
]

urlpatterns = [
    path("", include("ops.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("", include("accounts.urls")),
    path("search/", include("search.urls")),
    path("registration/", include("registration.urls")),
    path("deals/", include("dealflow.urls")),
    path("challenges/", include("challenges.urls")),
    path("matchmaking/", include("matchmaking.urls")),
    path("competitions/", include("competitions.urls")),
    path("", include("marketplace.urls")),
]

# /media/ is served by ops.urls (a permission check per file), in development and production alike.
# Wagtail's page tree serves everything not matched above (home, institutions, achievements).
urlpatterns += [path("", include(wagtail_urls))]
