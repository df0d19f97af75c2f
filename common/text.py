"""Validation for plain-text fields: no HTML may be stored where plain text is expected."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def validate_no_html(value: str) -> None:
    if value and _TAG.search(value):
        raise ValidationError(_("此处只能填写纯文本,不能包含 HTML 标签。"), code="html_not_allowed")
