"""manage.py backup --output DIR: dump the database and MEDIA_ROOT into DIR/<timestamp>/ (docs/operations.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.errors import DomainError
from ops.backup import backup_create


class Command(BaseCommand):
    help = "备份数据库与上传文件 / Back up the database and media files"

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="备份目录 / folder that receives <timestamp>/")

    def handle(self, *args, **options):
        try:
            target = backup_create(output=Path(options["output"]))
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(str(target))
