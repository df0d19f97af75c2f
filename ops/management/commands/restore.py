"""manage.py restore SOURCE --database-url URL --media-root DIR: load a backup into an empty database and folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.errors import DomainError
from ops.backup import backup_restore


class Command(BaseCommand):
    help = "把备份恢复到空数据库 / Restore a backup into an empty database and media folder"

    def add_arguments(self, parser):
        parser.add_argument("source", help="manage.py backup 生成的目录 / a folder made by manage.py backup")
        parser.add_argument("--database-url", required=True, help="空数据库 / an empty database, e.g. postgres://…")
        parser.add_argument("--media-root", required=True, help="空目录 / an empty folder for MEDIA_ROOT")
        parser.add_argument(
            "--private-root",
            default=None,
            help="保密文件目录 / the deal flow's private folder (default DEALFLOW_PRIVATE_ROOT)",
        )

    def handle(self, *args, **options):
        try:
            backup_restore(
                source=Path(options["source"]),
                database_url=options["database_url"],
                media_root=Path(options["media_root"]),
                private_root=Path(options["private_root"]) if options["private_root"] else None,
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(self.style.SUCCESS("restored"))
