from django.core.management.base import BaseCommand

from cocreatie.core import search


class Command(BaseCommand):
    help = "Rebuild the site-wide search index from every published item."

    def handle(self, *args, **options):
        count = search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} documents."))
