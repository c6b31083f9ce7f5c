"""Index the TA Library's resources in this process (an operator's catch-up).

    manage.py index_library          # resources never indexed, or left pending
    manage.py index_library --every  # extract every file again (e.g. after an extractor fix)

Uploads are indexed by a Celery task after commit; this is for what that path missed (a
restored backup, a worker that was down) and prints the extraction throughput. The
spelling vocabulary is rebuilt afterwards.
"""

from django.core.management.base import BaseCommand

from search import services


class Command(BaseCommand):
    help = "Index resources without an index entry (--every: all of them) and report pages/s."

    def add_arguments(self, parser):
        parser.add_argument("--every", action="store_true", help="re-extract every file")

    def handle(self, *args, every, **options):
        figures = services.resources_index_missing(log=self.stdout.write, every=every)
        if not figures["resources"]:
            self.stdout.write("search: nothing to index")
        words = services.vocabulary_refresh(only_if_changed=False)
        self.stdout.write(f"search: vocabulary of {words} words")
