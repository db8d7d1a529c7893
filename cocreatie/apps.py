from django.apps import AppConfig


class CocreatieConfig(AppConfig):
    name = "cocreatie"
    verbose_name = "Cocreatie"

    def ready(self):
        from cocreatie import pagecache

        pagecache.connect_signals()
