from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class PhotosConfig(AppConfig):
    name = "photos"

    def ready(self):
        from photos import search_index

        post_migrate.connect(search_index.on_migrated, sender=self)
        post_save.connect(
            search_index.on_user_saved, sender="accounts.User", dispatch_uid="photos.search"
        )
