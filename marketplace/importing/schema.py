"""Import schema: the record kinds, their columns (with Chinese labels) and the row and option types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation

KINDS = ("institution", "enterprise", "achievement", "need")
# Organisations first: achievements and needs in the same file refer to them by name.
WRITE_ORDER = {kind: position for position, kind in enumerate(KINDS)}
KIND_ALIASES = {
    "institution": "institution",
    "机构": "institution",
    "科研机构": "institution",
    "enterprise": "enterprise",
    "企业": "enterprise",
    "achievement": "achievement",
    "成果": "achievement",
    "科技成果": "achievement",
    "need": "need",
    "需求": "need",
    "技术需求": "need",
}
KIND_LABELS = {
    "institution": gettext_lazy("机构"),
    "enterprise": gettext_lazy("企业"),
    "achievement": gettext_lazy("科技成果"),
    "need": gettext_lazy("技术需求"),
}
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".xlsx": "xlsx"}
# In CSV/XLSX cells, lists (keywords, transfer modes, chains) are separated by any of these.
LIST_SEPARATORS = re.compile(r"[、,,;;|]")
INSTITUTION_TYPES = [kind for kind in Organisation.Kind.values if kind != Organisation.Kind.ENTERPRISE]
ALLOWED_DESCRIPTION_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "h3", "h4"}
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")

# Column names per kind with the Chinese words people see in messages and may use as CSV/XLSX headers.
ORGANISATION_COLUMNS = {
    "external_id": gettext_lazy("外部编号"),
    "name": gettext_lazy("名称"),
    "type": gettext_lazy("类型"),
    "short_name": gettext_lazy("简称"),
    "region": gettext_lazy("所在地区"),
    "credit_code": gettext_lazy("统一社会信用代码"),
    "description": gettext_lazy("简介"),
    "address": gettext_lazy("地址"),
    "website": gettext_lazy("网址"),
    "contact_name": gettext_lazy("联系人"),
    "contact_phone": gettext_lazy("联系电话"),
    "contact_email": gettext_lazy("联系邮箱"),
}
COLUMNS: dict[str, dict[str, Any]] = {
    "institution": ORGANISATION_COLUMNS,
    "enterprise": ORGANISATION_COLUMNS,
    "achievement": {
        "external_id": gettext_lazy("外部编号"),
        "title": gettext_lazy("成果名称"),
        "summary": gettext_lazy("成果简介"),
        "description": gettext_lazy("详细介绍"),
        "keywords": gettext_lazy("关键词"),
        "technical_field": gettext_lazy("技术领域"),
        "industry_chain": gettext_lazy("产业链"),
        "industry_chains": gettext_lazy("产业链(多个)"),
        "trl": gettext_lazy("技术就绪度"),
        "ip_type": gettext_lazy("知识产权类型"),
        "ip_number": gettext_lazy("知识产权编号"),
        "ip_status": gettext_lazy("知识产权状态"),
        "ip_records": gettext_lazy("知识产权明细"),
        "transfer_modes": gettext_lazy("转化方式"),
        "pricing": gettext_lazy("定价方式"),
        "price_cny": gettext_lazy("价格(元)"),
        "public_notice_start": gettext_lazy("公示开始日期"),
        "indicators": gettext_lazy("量化指标"),
        "institution": gettext_lazy("所属机构"),
        "contact_name": gettext_lazy("联系人"),
        "contact_phone": gettext_lazy("联系电话"),
        "contact_email": gettext_lazy("联系邮箱"),
        "valid_until": gettext_lazy("有效期至"),
    },
    "need": {
        "external_id": gettext_lazy("外部编号"),
        "title": gettext_lazy("需求名称"),
        "description": gettext_lazy("问题描述"),
        "problem": gettext_lazy("问题描述"),
        "technical_field": gettext_lazy("技术领域"),
        "industry_chain": gettext_lazy("产业链"),
        "budget_cny": gettext_lazy("预算(元)"),
        "budget_min_cny": gettext_lazy("预算下限(元)"),
        "budget_max_cny": gettext_lazy("预算上限(元)"),
        "enterprise": gettext_lazy("需求企业"),
        "keywords": gettext_lazy("关键词"),
        "deadline": gettext_lazy("截止日期"),
        "region": gettext_lazy("所在地区"),
        "cooperation_mode": gettext_lazy("意向合作方式"),
        "min_trl": gettext_lazy("期望最低技术就绪度"),
        "visibility": gettext_lazy("公开范围"),
        "indicators": gettext_lazy("目标指标"),
    },
}
GENERAL_LABELS = {"kind": gettext_lazy("记录类型")}
# Header cells may be the column key or its Chinese label; "类型" etc. are shared, so map per kind.
COMMON_HEADER_ALIASES = {"kind": "kind", "记录类型": "kind"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, unreadable, bad encoding, empty)."""


@dataclass
class Row:
    line: int
    data: dict[str, Any]
    kind: str = ""
    sheet: str = ""

    def where(self, filename: str) -> str:
        if self.sheet:
            return _("文件 %(file)s 工作表“%(sheet)s”第 %(line)s 行") % {
                "file": filename,
                "sheet": self.sheet,
                "line": self.line,
            }
        return _("文件 %(file)s 第 %(line)s 行") % {"file": filename, "line": self.line}


@dataclass
class ImportOptions:
    kind: str = ""
    partial: bool = False
    draft: bool = False
    create_institutions: bool = False
    create_enterprises: bool = False
    dry_run: bool = False
    progress: bool | None = None  # None: only on a terminal
