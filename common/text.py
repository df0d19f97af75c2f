"""Validation for plain-text fields: no HTML may be stored where plain text is expected."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def validate_no_html(value: str) -> None:
    if value and _TAG.search(value):
        raise ValidationError(_("此处只能填写纯文本,不能包含 HTML 标签。"), code="html_not_allowed")


def readable_slug(text: str, max_length: int = 80) -> str:
    """A URL slug people can read and type: Chinese in pinyin (``高导热石墨烯`` → ``gao-dao-re-shi-mo-xi``), other
    text slugified; cut at a word boundary. Percent-encoded Chinese URLs are long and unreadable when shared."""
    from django.utils.text import slugify
    from pypinyin import lazy_pinyin

    slug = slugify("-".join(lazy_pinyin(text or "")))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug.strip("-")
