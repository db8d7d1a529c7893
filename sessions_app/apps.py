from django.apps import AppConfig


class SessionsAppConfig(AppConfig):
    name = "sessions_app"
    verbose_name = "Online sessies"

    def ready(self):
        from community import services as community_services
        from sessions_app import services

        # A member's download holds their registrations; deleting the account forgets them.
        if services.export_member not in community_services.EXTRA_EXPORTERS:
            community_services.EXTRA_EXPORTERS.append(services.export_member)
        if services.forget_member not in community_services.EXTRA_FORGETTERS:
            community_services.EXTRA_FORGETTERS.append(services.forget_member)
