"""Import readers: JSON Lines, CSV (UTF-8, UTF-16 with BOM or GBK/GB18030; Big5, EUC-KR, Shift-JIS … are refused)
and XLSX into ``Row`` dicts."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charsets
from .schema import COLUMNS, COMMON_HEADER_ALIASES, KIND_ALIASES, KINDS, SUFFIXES, ImportFileError, Row

ACCEPTED_ENCODINGS = gettext_lazy("UTF-8、UTF-16(带 BOM)或 GB18030/GBK")


def _refuse_encoding(filename: str, raw: bytes) -> ImportFileError:
    guess = charsets.guess_encoding(raw)
    if guess:
        return ImportFileError(
            _(
                "文件 %(file)s 的编码看起来是 %(guess)s,不能导入:只接受 %(accepted)s。"
                "请在 Excel 或文本编辑器中“另存为”UTF-8 编码后重试。"
            )
            % {"file": filename, "guess": guess, "accepted": ACCEPTED_ENCODINGS}
        )
    return ImportFileError(
        _("文件 %(file)s 的编码无法识别:只接受 %(accepted)s。请另存为 UTF-8 编码后重试。")
        % {"file": filename, "accepted": ACCEPTED_ENCODINGS}
    )


def decode_text(raw: bytes, filename: str) -> str:
    """UTF-16 with a BOM, UTF-8 (with or without BOM), or GB18030 (the superset of GBK Chinese Excel writes).

    Anything else (Shift-JIS, Big5, EUC-KR, UTF-16 without a BOM …) is refused with a message naming the encoding
    it looks like, never decoded as garbage (``charsets`` says how GBK is told apart).
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16 with a BOM
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _refuse_encoding(filename, raw) from error
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:  # UTF-16 without its BOM (or a binary file): valid UTF-8 bytes, but not text
        raise ImportFileError(
            _("文件 %(file)s 的编码无法识别:含有空字节,可能是没有 BOM 的 UTF-16 或二进制文件。只接受 %(accepted)s。")
            % {"file": filename, "accepted": ACCEPTED_ENCODINGS}
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if charsets.looks_korean(raw):  # EUC-KR hangul sit on GB2312's common hanzi: GB18030 would take them
        raise _refuse_encoding(filename, raw)
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as error:
        raise _refuse_encoding(filename, raw) from error
    if not charsets.looks_gbk(raw, text):
        raise _refuse_encoding(filename, raw)
    return text


def _header_map(kind: str) -> dict[str, str]:
    """Header cell → column key: the key itself, its Chinese label, or its label in the operator's language.

    Files carry Chinese headers whatever language the messages are in (``--language en``), so the Chinese labels
    are always accepted, not only the labels of the active language.
    """
    mapping = dict(COMMON_HEADER_ALIASES)
    kinds = [kind] if kind else list(KINDS)
    for each in kinds:
        for key, label in COLUMNS[each].items():
            mapping.setdefault(key, key)
            mapping.setdefault(str(label), key)
            with translation.override("zh-hans"):
                mapping.setdefault(str(label), key)
    return mapping


def _normalise_header(cell: Any, mapping: dict[str, str]) -> str:
    text = str(cell or "").strip().lstrip("\ufeff")
    return mapping.get(text, mapping.get(text.lower(), text))


def read_jsonl(text: str) -> Iterable[Row]:
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield Row(line_number, {"__error__": _("不是有效的 JSON(第 %(col)s 列附近)。") % {"col": error.colno}})
            continue
        if not isinstance(value, dict):
            yield Row(line_number, {"__error__": _("每一行应是一个 JSON 对象({...})。")})
            continue
        yield Row(line_number, value)


def read_csv(text: str, kind: str) -> Iterable[Row]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    mapping = _header_map(kind)
    header: list[str] | None = None
    for cells in reader:
        if header is None:
            if not any(cell.strip() for cell in cells):
                continue
            header = [_normalise_header(cell, mapping) for cell in cells]
            continue
        if not any(cell.strip() for cell in cells):
            continue
        yield Row(reader.line_num, _cells_to_dict(header, cells))


def _cells_to_dict(header: list[str], cells: list[Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in zip(header, cells, strict=False):
        if not key:
            continue
        data[key] = value
    if len(cells) > len(header) and any(str(c or "").strip() for c in cells[len(header) :]):
        data["__error__"] = _("这一行的单元格比表头多,请检查是否有多余的分隔符。")
    return data


def read_xlsx(path: Path, kind: str) -> Iterable[Row]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ImportFileError(
            _("文件 %(file)s 不是有效的 Excel(.xlsx)文件,无法打开。") % {"file": path.name}
        ) from error
    try:
        # A workbook may carry one sheet per kind, named like the kind (成果, 需求, achievement …).
        named = [(sheet, KIND_ALIASES.get(sheet.title.strip().lower())) for sheet in workbook.worksheets]
        sheets = [(sheet, sheet_kind) for sheet, sheet_kind in named if sheet_kind]
        if not sheets:
            sheets = [(workbook.worksheets[0], "")]
        for sheet, sheet_kind in sheets:
            mapping = _header_map(sheet_kind or kind)
            header: list[str] | None = None
            for row_number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                if not any(cell is not None and str(cell).strip() for cell in cells):
                    continue
                if header is None:
                    header = [_normalise_header(cell, mapping) for cell in cells]
                    continue
                data = _cells_to_dict(header, list(cells))
                yield Row(row_number, data, kind=sheet_kind, sheet=sheet.title)
    finally:
        workbook.close()


def read_rows(path: Path, kind: str = "") -> list[Row]:
    """Read the whole file into rows; raise ImportFileError for anything wrong with the file itself."""
    filename = path.name
    file_format = SUFFIXES.get(path.suffix.lower())
    if file_format is None:
        hint = _("Excel 97-2003(.xls)请另存为 .xlsx。") if path.suffix.lower() == ".xls" else ""
        raise ImportFileError(
            _("不支持的文件类型“%(suffix)s”(文件 %(file)s):只接受 .jsonl、.csv 或 .xlsx。%(hint)s")
            % {"suffix": path.suffix or _("无扩展名"), "file": filename, "hint": hint}
        )
    if not path.exists():
        raise ImportFileError(_("找不到文件 %(path)s。") % {"path": path})
    if path.is_dir():
        raise ImportFileError(_("%(path)s 是一个目录,不是文件。") % {"path": path})
    try:
        if file_format == "xlsx":
            rows = list(read_xlsx(path, kind))
        else:
            raw = path.read_bytes()
            text = decode_text(raw, filename)
            rows = list(read_jsonl(text)) if file_format == "jsonl" else list(read_csv(text, kind))
    except PermissionError as error:
        raise ImportFileError(_("没有权限读取文件 %(file)s。") % {"file": filename}) from error
    except OSError as error:
        raise ImportFileError(
            _("无法读取文件 %(file)s:%(reason)s") % {"file": filename, "reason": error.strerror or error}
        ) from error
    if not rows:
        raise ImportFileError(_("文件 %(file)s 是空的:没有找到任何数据行。") % {"file": filename})
    return rows
