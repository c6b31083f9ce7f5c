"""Load realistic demo data. Idempotent; refused under production settings."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools import demo
from devtools.demo.accounts import DEMO_PASSWORD, DEMO_STAFF_TOTP_SECRET, DEMO_USERS


class Command(BaseCommand):
    help = "Load demo data from every app (safe to run repeatedly)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Print the demo logins.")

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is never loaded under production settings.")
        demo.load(*demo.APPS, say=self.stdout.write)
        if options["print_logins"]:
            self.print_logins()

    def print_logins(self):
        out = self.stdout.write
        out("")
        out(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for email, _name, account_type, _org, staff in DEMO_USERS:
            role = "staff" if staff else account_type
            out(f"  {role:<9} {email}")
        secret = DEMO_STAFF_TOTP_SECRET
        out(f"  staff two-factor: TOTP secret {secret}  (e.g. `oathtool --totp -b {secret}`)")
        out("")
