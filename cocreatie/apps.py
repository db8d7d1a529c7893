from django.apps import AppConfig


class CocreatieConfig(AppConfig):
    name = "cocreatie"
    verbose_name = "Cocreatie"
