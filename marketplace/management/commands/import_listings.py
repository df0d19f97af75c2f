"""manage.py import_listings FILE: import institutions, enterprises, achievements and needs (see docs/import-format.md)."""

import argparse
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.importing import KINDS, ImportFileError, ImportOptions, format_table, import_file, summary_table
from marketplace.importing.report import unstated_lines


class Command(BaseCommand):
    help = "从 JSON Lines、CSV 或 XLSX 文件导入机构、企业、科技成果和技术需求(格式见 docs/import-format.md)。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="要导入的文件(.jsonl、.csv 或 .xlsx)")
        parser.add_argument("--kind", choices=KINDS, help="没有 kind 列时的记录类型;文件中其他类型的行被跳过")
        parser.add_argument("--partial", action="store_true", help="保存正确的行,报告有错的行(默认全部成功才保存)")
        parser.add_argument("--draft", action="store_true", help="导入为草稿/待审核,不发布")
        parser.add_argument("--create-institutions", action="store_true", help="成果所属机构不存在时自动创建")
        parser.add_argument("--create-enterprises", action="store_true", help="需求企业不存在时自动创建")
        parser.add_argument("--dry-run", action="store_true", help="只检查并统计,不保存任何内容")
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="显示进度条(默认只在终端中显示)",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="提示信息的语言:zh-hans(默认)或 en",
        )

    def handle(self, *args, **options):
        language = options["language"] or settings.LANGUAGE_CODE
        with translation.override(language):
            self._import(options)

    def _import(self, options):
        # Wagtail logs every page creation at INFO; hundreds of lines would bury the errors and the summary.
        for name in ("wagtail", "django_tasks"):
            logging.getLogger(name).setLevel(logging.WARNING)
        import_options = ImportOptions(
            kind=options["kind"] or "",
            partial=options["partial"],
            draft=options["draft"],
            create_institutions=options["create_institutions"],
            create_enterprises=options["create_enterprises"],
            dry_run=options["dry_run"],
            progress=options["progress"],
        )
        try:
            result = import_file(options["file"], import_options)
        except ImportFileError as error:
            raise CommandError(str(error)) from error

        for message in result.errors:
            self.stderr.write(message)
        self.stdout.write(format_table(summary_table(result)))
        for line in unstated_lines(result):
            self.stdout.write(line)
        if result.suggestions:
            self.stdout.write(
                _("根据文本推断了 %(count)s 条技术领域/产业链建议,待科技局工作人员在 %(url)s 确认或驳回。")
                % {"count": result.suggestions, "url": reverse("marketplace:classification_review")}
            )
        if result.dry_run and not result.errors:
            self.stdout.write(self.style.SUCCESS(_("试运行:检查通过,没有保存任何内容。")))
        elif result.dry_run:
            self.stdout.write(_("试运行:没有保存任何内容。"))
        if result.errors and not import_options.partial:
            raise CommandError(
                _(
                    "文件 %(file)s 有 %(rows)s 行出错,共 %(errors)s 处问题;为保证数据完整,本次没有保存任何内容。修改后请重新导入(或加 --partial 只导入正确的行)。"
                )
                % {"file": result.filename, "rows": result.failed, "errors": len(result.errors)}
            )
        if result.errors:
            raise CommandError(
                _("已保存正确的行;%(rows)s 行因错误未导入(见上方提示)。") % {"rows": result.failed}, returncode=2
            )
        if not result.dry_run:
            self.stdout.write(self.style.SUCCESS(_("导入完成:%(file)s") % {"file": result.filename}))
