import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_chinese_even_for_an_english_browser(client):
    html = client.get("/achievements/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "科技成果" in html and 'lang="zh-hans"' in html


def test_the_language_switch_gives_english_pages(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/achievements/"})
    assert response.status_code == 302
    html = client.get("/achievements/").content.decode()
    assert 'lang="en"' in html


def test_api_clients_may_ask_for_english_error_messages(client):
    response = client.get("/api/v1/achievements/?trl_min=abc", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    chinese = client.get("/api/v1/achievements/?trl_min=abc")
    assert chinese["Content-Language"] == "zh-hans"
