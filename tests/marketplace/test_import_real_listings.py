"""import_listings on real listings: gaps are stored as unknown with inferred suggestions; only wrong values and
unusable encodings are refused, with a message per row in the operator's language."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from marketplace.importing import ImportFileError, decode_text
from marketplace.models import AchievementPage, ClassificationSuggestion
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_listings", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import_listings", str(path), *args, stdout=out, stderr=err)
    return str(info.value), out.getvalue(), err.getvalue(), info.value.returncode


def write_jsonl(tmp_path, rows, name="listings.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows), encoding="utf-8")
    return path


def bare(external_id, title, summary, **extra):
    """An achievement as real portfolios publish it: title, summary, institution, and nothing classified."""
    return {
        "kind": "achievement",
        "external_id": external_id,
        "title": title,
        "summary": summary,
        "institution": "三明学院",
        **extra,
    }


BARE_ROWS = [
    bare("r-1", "锂电池硅碳负极材料", "纳米硅/石墨复合负极,锂电池首次库伦效率 89%,硅碳负极比容量 650 mAh/g。"),
    bare(
        "r-2",
        "Cemented carbide cutting inserts",
        "Gradient WC-Co cemented carbide substrate with a tungsten-rich PVD coating; tool life 1.8x.",
    ),
    bare("r-3", "农村生活污水处理设备", "A/O-MBR 一体化设备,出水达一级 A 标准。", trl=7, technical_field="environment"),
]


@pytest.fixture
def sanming_university(db):
    return InstitutionFactory(name="三明学院")


def test_records_without_trl_and_field_codes_are_imported_as_unknown_with_suggestions(tmp_path, sanming_university):
    out, err = run(write_jsonl(tmp_path, BARE_ROWS))

    assert err == ""
    pages = {page.external_id: page for page in AchievementPage.objects.all()}
    assert set(pages) == {"r-1", "r-2", "r-3"}
    assert pages["r-1"].trl is None and pages["r-1"].technical_field is None
    assert pages["r-2"].trl is None and pages["r-2"].technical_field is None
    assert not pages["r-1"].industry_chains.exists() and not pages["r-1"].transfer_modes.exists()
    assert pages["r-3"].trl == 7 and pages["r-3"].technical_field.code == "environment"

    suggestions = ClassificationSuggestion.objects.filter(state="pending")
    by_listing = {(s.achievement.external_id, s.kind): s for s in suggestions.select_related("achievement")}
    # Inferred, marked and kept apart: the listing itself still says "unknown".
    assert by_listing[("r-1", "technical_field")].technical_field.code == "energy"
    assert by_listing[("r-1", "industry_chain")].industry_chain.code.startswith("NEM")
    assert by_listing[("r-2", "industry_chain")].industry_chain.code.startswith("TUN")
    assert all(s.source == "inferred" and 0 < s.confidence <= 1 and s.evidence for s in suggestions)
    assert ("r-3", "technical_field") not in by_listing  # it declared its field
    assert "未填写技术就绪度:2 条成果" in out and "未填写技术领域:2 条成果" in out
    assert f"根据文本推断了 {suggestions.count()} 条技术领域/产业链建议" in out
    assert "/staff/classifications/" in out


def test_importing_again_makes_no_duplicate_suggestions_and_drops_those_a_listing_now_declares(
    tmp_path, sanming_university
):
    run(write_jsonl(tmp_path, BARE_ROWS))
    first = ClassificationSuggestion.objects.count()
    assert first >= 3

    out, _ = run(write_jsonl(tmp_path, BARE_ROWS))
    assert ClassificationSuggestion.objects.count() == first and "根据文本推断" not in out

    declared = [dict(BARE_ROWS[0], technical_field="energy", industry_chain="NEM"), *BARE_ROWS[1:]]
    run(write_jsonl(tmp_path, declared))
    assert not ClassificationSuggestion.objects.filter(achievement__external_id="r-1").exists()
    assert ClassificationSuggestion.objects.filter(achievement__external_id="r-2").exists()


def test_a_rejected_suggestion_is_not_proposed_again(tmp_path, sanming_university):
    run(write_jsonl(tmp_path, BARE_ROWS[:1]))
    ClassificationSuggestion.objects.update(state="rejected")
    run(write_jsonl(tmp_path, [dict(BARE_ROWS[0], summary=BARE_ROWS[0]["summary"] + " 新增说明。")]))
    assert not ClassificationSuggestion.objects.filter(state="pending").exists()


@pytest.mark.parametrize("written", ["未知", "不详", "N/A", "-", ""])
def test_not_stated_in_words_is_a_blank_not_an_error(tmp_path, sanming_university, written):
    row = bare("r-9", "超精密数控磨床热误差补偿", "数控磨床主轴热伸长实时补偿。", trl=written, technical_field=written)
    run(write_jsonl(tmp_path, [row]))
    page = AchievementPage.objects.get(external_id="r-9")
    assert page.trl is None and page.technical_field is None


@pytest.mark.parametrize(("written", "stored"), [("TRL 7", 7), ("trl6", 6), ("5级", 5), (8, 8), ("3", 3)])
def test_trl_written_the_usual_ways_is_read(tmp_path, sanming_university, written, stored):
    run(write_jsonl(tmp_path, [bare("r-8", "钨废料回收", "碱压煮离子交换短流程。", trl=written)]))
    assert AchievementPage.objects.get(external_id="r-8").trl == stored


def test_the_real_looking_file_of_thirty_listings_imports_whole(sanming_university):
    out, err = run(FIXTURES / "real_listings_with_gaps.csv", "--create-institutions")
    assert err == ""
    assert AchievementPage.objects.count() == 30
    assert AchievementPage.objects.filter(trl__isnull=True).count() == 10
    assert AchievementPage.objects.filter(technical_field__isnull=True).count() == 17
    assert ClassificationSuggestion.objects.count() > 10
    assert "科技成果  30" in out and "导入完成" in out


WRONG = {
    2: ("技术就绪度", "应为 1 到 9 之间的整数,实际为“12”"),
    3: ("技术就绪度", "实际为“abc”"),
    4: ("技术领域", "“chemistry”不是有效的技术领域"),
    5: ("有效期至", "日期格式应为 YYYY-MM-DD"),
    6: ("价格(元)", "金额不能为负数"),
}


def test_wrong_values_are_refused_row_by_row_and_by_default_nothing_is_saved(sanming_university):
    message, _out, err, returncode = run_failing(FIXTURES / "wrong_values.csv")
    lines = err.strip().splitlines()
    assert len(lines) == len(WRONG)
    for line_number, (label, text) in WRONG.items():
        assert any(f"第 {line_number} 行,字段“{label}”" in line and text in line for line in lines), line_number
    assert "没有保存任何内容" in message and returncode == 1
    assert AchievementPage.objects.count() == 0


def test_with_partial_the_good_rows_of_a_file_with_wrong_values_are_saved(sanming_university):
    message, out, _err, returncode = run_failing(FIXTURES / "wrong_values.csv", "--partial")
    assert returncode == 2 and "5 行因错误未导入" in message
    assert list(AchievementPage.objects.values_list("external_id", flat=True)) == ["OK-006"]
    assert "未填写技术就绪度:1 条成果" in out


def test_messages_are_in_english_when_asked_and_chinese_headers_still_read(sanming_university):
    message, _out, err, _returncode = run_failing(FIXTURES / "wrong_values.csv", "--language", "en")
    assert 'line 2, field "Technology readiness level" (trl): Must be a whole number from 1 to 9, got "12"' in err
    assert '"chemistry" is not a valid Technical field' in err
    assert "An amount cannot be negative" in err
    assert "nothing was saved" in message
    assert len(err.strip().splitlines()) == len(WRONG)  # the Chinese header cells were all recognised


def test_shift_jis_is_refused_with_a_clear_message(sanming_university):
    message, _out, _err, returncode = run_failing(FIXTURES / "shift_jis.csv")
    assert "Shift-JIS" in message and "UTF-8" in message and returncode == 1
    assert AchievementPage.objects.count() == 0


def test_shift_jis_message_in_english(sanming_university):
    message, *_ = run_failing(FIXTURES / "shift_jis.csv", "--language", "en")
    assert "looks like Shift-JIS and cannot be imported" in message


CSV = "kind,external_id,title,summary,institution\nachievement,e-1,高导热石墨烯散热膜,导热系数 1500 的石墨烯散热膜。,三明学院\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"], ids=lambda name: f"accepts-{name}"
)
def test_accepted_encodings_decode_to_the_same_text(encoding):
    assert decode_text(CSV.encode(encoding), "x.csv") == CSV


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("リチウムイオン電池の正極材料を開発した。".encode("shift_jis"), "Shift-JIS"),
        (CSV.encode("utf-16-le"), "空字节"),  # UTF-16 without its BOM
    ],
    ids=["shift-jis", "utf-16-without-bom"],
)
def test_other_encodings_are_refused(raw, expected):
    with pytest.raises(ImportFileError) as info:
        decode_text(raw, "x.csv")
    assert expected in str(info.value) and "UTF-8" in str(info.value)
