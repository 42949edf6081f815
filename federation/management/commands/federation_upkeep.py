from django.core.management.base import BaseCommand

from federation.upkeep import federation_upkeep


class Command(BaseCommand):
    help = "Federation upkeep: queue due deliveries and lost inbox messages, prune, count."

    def handle(self, *args, **options):
        for name, value in federation_upkeep().items():
            self.stdout.write(f"{name}: {value}")
