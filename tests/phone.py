"""Helpers for the phone-width browser tests: a 390 × 844 page in Debian's Chromium, optionally signed in and in
another language, and the pages on it that are wider than the screen."""

from __future__ import annotations

PASSWORD = "pass-1234-word"  # the role fixtures' password
PHONE = {"width": 390, "height": 844}


def phone_page(browser, base_url, username=None, *, language="zh-hans"):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=1)
    page = context.new_page()
    if language != "zh-hans":
        # What the language switch stores: the django_language cookie.
        context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    if username:
        page.goto(f"{base_url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    return page


def too_wide(page, base_url, paths) -> dict[str, int]:
    """path → document width, for each page that scrolls sideways on the phone (each must answer 200)."""
    wide = {}
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.status == 200, (path, response.status)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    return wide
