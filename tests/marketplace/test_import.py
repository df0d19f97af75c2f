"""import_listings: good files in every format, re-import, flags, and every kind of bad row or bad file."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from wagtail.signals import page_published

from accounts.models import Organisation
from marketplace.models import AchievementPage, InstitutionIndexPage, InstitutionPage, TechnologyNeed
from tests.factories import make_credit_code

pytestmark = pytest.mark.django_db

CREDIT_CODE = make_credit_code(900001)


def institution_row(**overrides):
    row = {
        "kind": "institution",
        "external_id": "inst-graphene",
        "name": "三明市石墨烯研究院",
        "type": "new_rd_institution",
        "region": "350400",
        "description": "石墨烯制备与应用的新型研发机构。",
    }
    row.update(overrides)
    return row


def enterprise_row(**overrides):
    row = {"kind": "enterprise", "external_id": "ent-fluoro", "name": "三明氟化工有限公司", "credit_code": CREDIT_CODE}
    row.update(overrides)
    return row


def achievement_row(**overrides):
    row = {
        "kind": "achievement",
        "external_id": "ach-0001",
        "title": "高导热石墨烯散热膜",
        "summary": "导热系数 1500 W/(m·K) 的石墨烯散热膜,可替代人工石墨膜。",
        "description": "第一段。\n\n第二段。",
        "keywords": ["石墨烯", "导热膜"],
        "technical_field": "materials",
        "industry_chain": "GRA.02.01",
        "trl": 6,
        "ip_type": "invention",
        "transfer_modes": ["transfer", "licence"],
        "price_cny": 1200000,
        "institution": "三明市石墨烯研究院",
        "indicators": [{"name": "导热系数", "value": "1500", "unit": "W/(m·K)", "compared_with": "铜箔约 400"}],
        "ip_records": [{"type": "invention", "number": "ZL202110123456.7", "status": "granted"}],
        "valid_until": "2099-12-31",
    }
    row.update(overrides)
    return row


def need_row(**overrides):
    row = {
        "kind": "need",
        "external_id": "need-0001",
        "title": "电池级 PVDF 树脂提纯",
        "description": "现有 PVDF 金属离子含量偏高,需降至 10 ppm 以下。",
        "technical_field": "materials",
        "industry_chain": "FLU.02.01",
        "budget_cny": 800000,
        "enterprise": "三明氟化工有限公司",
        "deadline": "2099-06-30",
        "indicators": [{"name": "金属离子含量", "target": "≤10", "unit": "ppm"}],
    }
    row.update(overrides)
    return row


def write_jsonl(tmp_path, rows, name="listings.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n", encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_listings", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path, *args):
    err = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import_listings", str(path), *args, stdout=io.StringIO(), stderr=err)
    return str(info.value), err.getvalue(), info.value.returncode


def counts():
    return (
        Organisation.objects.count(),
        InstitutionPage.objects.count(),
        AchievementPage.objects.count(),
        TechnologyNeed.objects.count(),
    )


GOOD = [achievement_row(), need_row(), institution_row(), enterprise_row()]  # order in the file does not matter


def test_good_jsonl_creates_everything_published(tmp_path):
    published = []

    def receiver(sender, instance, **kwargs):
        published.append(instance.specific.__class__.__name__)

    page_published.connect(receiver)
    try:
        out, err = run(write_jsonl(tmp_path, GOOD))
    finally:
        page_published.disconnect(receiver)

    assert err == ""
    institution = Organisation.objects.get(name="三明市石墨烯研究院")
    assert institution.status == Organisation.Status.APPROVED and institution.kind == "new_rd_institution"
    page = InstitutionPage.objects.get(organisation=institution)
    assert page.live and page.get_parent().specific_class is InstitutionIndexPage
    achievement = AchievementPage.objects.get(external_id="ach-0001")
    assert achievement.live and achievement.institution_organisation == institution
    assert AchievementPage.objects.listed().filter(pk=achievement.pk).exists()
    assert sorted(achievement.keyword_names) == ["导热膜", "石墨烯"]
    assert [n.code for n in achievement.industry_chains.all()] == ["GRA.02.01"]
    assert {m.code for m in achievement.transfer_modes.all()} == {"transfer", "licence"}
    assert achievement.price_cny == Decimal("1200000.00") and achievement.pricing == "asking"
    assert achievement.indicators.get().compared_with == "铜箔约 400"
    assert achievement.ip_records.get().number == "ZL202110123456.7"
    assert achievement.description == "<p>第一段。</p><p>第二段。</p>"
    assert achievement.revisions.count() == 1
    assert "AchievementPage" in published and "InstitutionPage" in published
    need = TechnologyNeed.objects.get(external_id="need-0001")
    assert need.status == TechnologyNeed.Status.PUBLISHED and need.published_at is not None
    assert need.enterprise.name == "三明氟化工有限公司" and need.enterprise.status == Organisation.Status.APPROVED
    assert need.budget_max_cny == Decimal("800000.00") and need.indicators.get().target == "≤10"
    assert "科技成果" in out and "导入完成" in out


def test_reimport_same_file_changes_nothing_and_changed_rows_update(tmp_path):
    path = write_jsonl(tmp_path, GOOD)
    run(path)
    before = counts()
    run(path)
    assert counts() == before
    assert AchievementPage.objects.get().revisions.count() == 1

    changed = [
        achievement_row(title="高导热石墨烯散热膜(第二代)", trl=7),
        need_row(budget_cny=900000),
        institution_row(),
        enterprise_row(),
    ]
    run(write_jsonl(tmp_path, changed, "changed.jsonl"))
    assert counts() == before
    achievement = AchievementPage.objects.get()
    assert achievement.title == "高导热石墨烯散热膜(第二代)" and achievement.trl == 7 and achievement.live
    assert achievement.revisions.count() == 2
    assert achievement.get_latest_revision().id == achievement.live_revision_id
    assert TechnologyNeed.objects.get().budget_max_cny == Decimal("900000.00")


CSV_TEXT = (
    "记录类型,外部编号,成果名称,成果简介,技术领域,技术就绪度,所属机构,关键词,转化方式,价格(元),产业链\n"
    "achievement,ach-c1,超细碳化钨粉制备技术,粒径 0.2 微米的碳化钨粉,新材料及其应用,5,三明市石墨烯研究院,"
    '"钨、粉末;硬质合金|刀具",转让|许可,120万,"TUN.01.01, TUN.02.01"\n'
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_bom_and_gbk_with_chinese_headers_and_list_separators(tmp_path, encoding):
    run(write_jsonl(tmp_path, [institution_row()]))
    path = tmp_path / "listings.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    run(path)
    page = AchievementPage.objects.get(external_id="ach-c1")
    assert page.title == "超细碳化钨粉制备技术" and page.trl == 5
    assert page.keyword_names == ["钨", "粉末", "硬质合金", "刀具"]
    assert {m.code for m in page.transfer_modes.all()} == {"transfer", "licence"}
    assert {n.code for n in page.industry_chains.all()} == {"TUN.01.01", "TUN.02.01"}
    assert page.price_cny == Decimal("1200000.00")


def test_csv_with_kind_option_and_no_kind_column(tmp_path):
    run(write_jsonl(tmp_path, [enterprise_row()]))
    path = tmp_path / "needs.csv"
    path.write_text(
        "external_id,title,description,technical_field,enterprise,budget_min_cny,budget_max_cny,keywords\n"
        "need-c1,氟橡胶耐低温改性,需要 -40℃ 下保持弹性,materials,三明氟化工有限公司,100000,500000,氟橡胶、耐低温\n",
        encoding="utf-8",
    )
    run(path, "--kind", "need")
    need = TechnologyNeed.objects.get(external_id="need-c1")
    assert need.budget_min_cny == Decimal("100000.00") and need.keyword_list == ["氟橡胶", "耐低温"]


def test_xlsx_with_one_sheet_per_kind(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "机构"
    sheet.append(["外部编号", "名称", "类型", "所在地区"])
    sheet.append(["inst-agri", "三明市农业科学研究院", "research_institute", "350400"])
    sheet = workbook.create_sheet("成果")
    sheet.append(
        ["external_id", "title", "summary", "technical_field", "trl", "institution", "price_cny", "valid_until"]
    )
    sheet.append(
        ["ach-x1", "杂交水稻制种新组合", "亩产提高 8%", "agriculture", 8.0, "三明市农业科学研究院", 300000, None]
    )
    path = tmp_path / "listings.xlsx"
    workbook.save(path)
    run(path)
    page = AchievementPage.objects.get(external_id="ach-x1")
    assert page.trl == 8 and page.institution_organisation.name == "三明市农业科学研究院"


def test_xlsx_errors_name_the_sheet_and_row(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "成果"
    sheet.append(["external_id", "title", "summary", "technical_field", "trl", "institution"])
    sheet.append(["ach-x1", "标题", "简介", "agriculture", 10, "不存在的研究院"])
    path = tmp_path / "bad.xlsx"
    workbook.save(path)
    _, err, _ = run_failing(path)
    assert "文件 bad.xlsx 工作表“成果”第 2 行,字段“技术就绪度”(trl):应为 1 到 9 之间的整数" in err
    assert "找不到机构“不存在的研究院”" in err


BAD_ROWS = [
    (achievement_row(title="<b>石墨烯</b>"), "第 5 行,字段“成果名称”(title):只能填写纯文本,不能包含 HTML 标签"),
    (achievement_row(trl=12), "字段“技术就绪度”(trl):应为 1 到 9 之间的整数,实际为“12”"),
    (achievement_row(trl="六"), "实际为“六”"),
    (achievement_row(technical_field="materialz"), "“materialz”不是有效的技术领域"),
    (achievement_row(industry_chain="GRA.09"), "字段“产业链”(industry_chain):“GRA.09”不是有效的产业链代码"),
    (achievement_row(transfer_modes=["sell"]), "“sell”不是有效的转化方式"),
    (achievement_row(ip_type="trademark"), "“trademark”不是有效的知识产权类型"),
    (achievement_row(price_cny=-1), "字段“价格(元)”(price_cny):金额不能为负数"),
    (achievement_row(price_cny=10**15), "超过上限"),
    (achievement_row(price_cny="面议价"), "应为金额数字(元)"),
    (achievement_row(pricing="asking", price_cny=None), "定价方式为“标价”时必须填写价格"),
    (achievement_row(pricing="negotiated_notice"), "必须填写公示开始日期"),
    (achievement_row(summary=""), "字段“成果简介”(summary):必填,不能为空"),
    (achievement_row(summary="长" * 1001), "太长:最多 1000 个字"),
    (achievement_row(description="<script>alert(1)</script>"), "不允许使用 HTML 标签 <script>"),
    (achievement_row(valid_until="2027/13/45"), "字段“有效期至”(valid_until):日期格式应为 YYYY-MM-DD"),
    (achievement_row(institution="不存在的研究所"), "找不到机构“不存在的研究所”"),
    (achievement_row(institution="三明氟化工有限公司"), "“三明氟化工有限公司”在本文件中是企业,不是机构"),
    (achievement_row(contact_email="not-an-email"), "不是有效的电子邮箱地址"),
    (achievement_row(indicators=[{"name": "导热系数"}]), "第 1 项缺少“value”"),
    (
        need_row(budget_min_cny=500000, budget_max_cny=100000, budget_cny=None),
        "预算上限(100,000.00 元)不能低于预算下限",
    ),
    (need_row(enterprise="三明市石墨烯研究院"), "“三明市石墨烯研究院”在本文件中是机构,不是企业"),
    (need_row(enterprise="没有这家公司"), "加 --create-enterprises 自动创建"),
    (need_row(min_trl=0), "字段“期望最低技术就绪度”(min_trl)"),
    (need_row(visibility="secret"), "“secret”不是有效的公开范围"),
    (need_row(region="999999"), "“999999”不是有效的行政区划代码"),
    (enterprise_row(credit_code="913504000000000011"), "统一社会信用代码校验位不正确"),
    (institution_row(name="另一研究院", type="company"), "“company”不是有效的机构类型"),
    (institution_row(name="另一研究院", website="ftp:/x"), "不是有效的网址"),
    ({"kind": "widget"}, "“widget”不是有效的记录类型"),
    ({"title": "无类型"}, "无法确定记录类型"),
]


@pytest.mark.parametrize(("bad_row", "expected"), BAD_ROWS, ids=[str(i) for i in range(len(BAD_ROWS))])
def test_each_bad_row_is_named_and_nothing_is_written(tmp_path, bad_row, expected):
    # Organisations occupy lines 1-2, so a bad row at line 5 names line 5.
    rows = [institution_row(), enterprise_row(), achievement_row(external_id="ach-ok"), need_row(external_id="need-ok")]
    rows.append(bad_row)
    path = write_jsonl(tmp_path, rows, "listings.jsonl")
    message, err, returncode = run_failing(path)
    assert "文件 listings.jsonl 第 5 行" in err
    assert expected in err, err
    assert "没有保存任何内容" in message and returncode == 1
    assert counts() == (0, 0, 0, 0)


def test_duplicate_external_id_and_broken_json_lines(tmp_path):
    path = tmp_path / "dup.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in (institution_row(), achievement_row(), achievement_row())]
    path.write_text("\n".join([*lines, "{not json", "[1, 2]"]) + "\n", encoding="utf-8")
    _, err, _ = run_failing(path)
    assert "第 3 行,字段“外部编号”(external_id):“ach-0001”在本文件中重复出现(第一次在第 2 行)" in err
    assert "第 4 行:不是有效的 JSON" in err
    assert "第 5 行:每一行应是一个 JSON 对象" in err
    assert counts() == (0, 0, 0, 0)


def test_partial_saves_good_rows_and_reports_bad_ones(tmp_path):
    rows = [institution_row(), achievement_row(), achievement_row(external_id="ach-bad", trl=0), need_row()]
    message, err, returncode = run_failing(write_jsonl(tmp_path, rows), "--partial")
    assert returncode == 2 and "2 行因错误未导入" in message
    assert "第 3 行,字段“技术就绪度”(trl)" in err
    assert "找不到企业“三明氟化工有限公司”" in err
    assert list(AchievementPage.objects.values_list("external_id", flat=True)) == ["ach-0001"]
    assert TechnologyNeed.objects.count() == 0


def test_draft_imports_nothing_public(tmp_path):
    run(write_jsonl(tmp_path, GOOD), "--draft")
    assert not AchievementPage.objects.get().live
    assert not AchievementPage.objects.listed().exists()
    assert TechnologyNeed.objects.get().status == TechnologyNeed.Status.DRAFT
    assert set(Organisation.objects.values_list("status", flat=True)) == {Organisation.Status.PENDING}


def test_create_missing_organisations_on_request(tmp_path):
    rows = [achievement_row(institution="新建的研究所"), need_row(enterprise="新建的企业有限公司")]
    run(write_jsonl(tmp_path, rows), "--create-institutions", "--create-enterprises")
    institution = Organisation.objects.get(name="新建的研究所")
    assert institution.is_institution and InstitutionPage.objects.filter(organisation=institution, live=True).exists()
    assert AchievementPage.objects.get().institution_organisation == institution
    assert TechnologyNeed.objects.get().enterprise.is_enterprise


def test_dry_run_checks_and_counts_but_saves_nothing(tmp_path):
    out, _ = run(write_jsonl(tmp_path, GOOD), "--dry-run")
    assert "试运行" in out
    assert counts() == (0, 0, 0, 0)


def test_kind_option_skips_other_kinds(tmp_path):
    out, _ = run(write_jsonl(tmp_path, GOOD), "--kind", "institution")
    assert counts() == (1, 1, 0, 0)
    assert "跳过" in out


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.txt", b"hello", "不支持的文件类型“.txt”"),
        ("old.xls", b"hello", "请另存为 .xlsx"),
        ("empty.jsonl", b"", "是空的"),
        ("blank.csv", b"\n\n", "是空的"),
        ("header-only.csv", "外部编号,成果名称\n".encode(), "是空的"),
        ("broken.xlsx", b"PK\x03\x04garbage", "不是有效的 Excel(.xlsx)文件"),
        ("binary.csv", b"\x81\x30\xff\xfe\x00\xa0", "编码无法识别"),
    ],
)
def test_unusable_files_get_a_clear_message_and_fail(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    message, _, returncode = run_failing(path)
    assert expected in message and returncode == 1


def test_missing_file(tmp_path):
    message, _, _ = run_failing(tmp_path / "missing.jsonl")
    assert "找不到文件" in message


def test_errors_found_only_when_writing_roll_back_everything_or_skip_the_row(tmp_path):
    # Both ids make the page slug "ach-1" under the same institution: only Wagtail's own check sees it.
    rows = [institution_row(), achievement_row(external_id="ach-1"), achievement_row(external_id="ACH 1")]
    path = write_jsonl(tmp_path, rows)
    message, err, _ = run_failing(path)
    assert "第 3 行,字段“外部编号”(external_id):外部编号“ACH 1”生成的网址 ach-1 与该机构的另一条成果重复" in err
    assert "没有保存任何内容" in message
    assert counts() == (0, 0, 0, 0)
    _, err, returncode = run_failing(path, "--partial")
    assert returncode == 2 and "第 3 行" in err
    assert list(AchievementPage.objects.values_list("external_id", flat=True)) == ["ach-1"]


def test_reimport_with_another_institution_moves_the_achievement(tmp_path):
    other = institution_row(external_id="inst-agri", name="三明市农业科学研究院", type="research_institute")
    run(write_jsonl(tmp_path, [institution_row(), other, achievement_row()]))
    run(write_jsonl(tmp_path, [achievement_row(institution="三明市农业科学研究院")], "moved.jsonl"))
    page = AchievementPage.objects.get()
    assert page.get_parent().specific.organisation.name == "三明市农业科学研究院"
    assert page.institution_organisation.name == "三明市农业科学研究院"
    assert page.live and page.url_path.startswith("/home/institutions/inst-agri/")
    assert not InstitutionPage.objects.get(organisation__name="三明市石墨烯研究院").get_children().exists()
