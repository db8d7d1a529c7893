from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from allauth.account.signals import email_confirmed

        from cocreatie import search
        from community import models, signals

        search.register(models.Case)
        # After every app's migrations, so the permissions of apps listed after this
        # one (sessions_app) exist when the group gets them.
        post_migrate.connect(signals.ensure_moderators_group, dispatch_uid="community-moderators")
        email_confirmed.connect(
            signals.refresh_verification, dispatch_uid="community-email-confirmed"
        )
