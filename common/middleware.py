"""Language choice: Chinese first for pages, the visitor's explicit choice when made.

Django's LocaleMiddleware follows the browser's Accept-Language, so an English-configured browser in the
bureau would get the English site without asking. Pages here are Chinese unless the visitor picks English
with the language switch (the ``django_language`` cookie); API clients may still ask with Accept-Language,
because a program has no switch to press and wants its error messages in its user's language.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin

_SUPPORTED = {code for code, _name in settings.LANGUAGES}


class ChineseFirstLocaleMiddleware(MiddlewareMixin):
    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in _SUPPORTED:
            language = None
        if language is None and request.path.startswith("/api/"):
            language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
