"""Template context every page needs: the platform's name and whether search runs in basic mode."""

from django.conf import settings


def platform(request):
    return {
        "platform_name": settings.WAGTAIL_SITE_NAME,
        "search_basic_mode": not settings.SEARCH_URL,
    }
