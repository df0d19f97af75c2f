"""manage.py registration_issue_certificates: render every certificate still pending.

Certificates are rendered after the deciding transaction commits; if that rendering failed or the
process stopped first, the decision stays pending (``Decision.certificate_pending``). Run this after
an outage, or from a scheduled job.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from registration.certificates import certificates_issue_missing


class Command(BaseCommand):
    help = "出具所有尚未生成的登记证明。"

    def handle(self, *args, **options):
        issued = certificates_issue_missing()
        self.stdout.write(_("已出具 %(n)s 份登记证明。") % {"n": issued})
