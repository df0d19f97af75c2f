"""Template context every page needs: the platform's name and whether search runs in basic mode."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# The default site name, marked so it has an English translation; a deployment's own name is shown as set.
DEFAULT_PLATFORM_NAME = gettext_noop("科技成果转化平台")


def platform(request):
    return {
        "platform_name": _(settings.WAGTAIL_SITE_NAME),
        "search_basic_mode": not settings.SEARCH_URL,
    }
