import pytest
from django.core.exceptions import ValidationError

from accounts.validators import validate_credit_code
from tests.factories import make_credit_code


def test_generated_codes_pass_the_checksum():
    for n in range(1, 50):
        validate_credit_code(make_credit_code(n))


def test_known_real_format_code_passes():
    # A published example code (GB 32100-2015 structure).
    validate_credit_code("91350100M000100Y43")


@pytest.mark.parametrize("bad", ["", "123", "91350100M000100Y4", "91350100M000100Y44", "91350100M0001O0Y43"])
def test_wrong_codes_are_refused_with_a_message(bad):
    with pytest.raises(ValidationError) as info:
        validate_credit_code(bad)
    assert "统一社会信用代码" in str(info.value)
