from django.apps import AppConfig
from django.db.models.signals import post_migrate

# The page-cache scope of members' content: cases, comments, profiles, organisations.
PAGE_SCOPE = "community"
# What never shows on a public page: changes to these leave every cached page alone.
PRIVATE_MODELS = ("user", "report", "contactrequest", "caserevision", "decision", "appeal")


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community"

    def ready(self):
        from allauth.account.signals import email_confirmed

        from cocreatie.core import actionlog, content, pagecache, search, tags
        from community import models, signals
        from roadmap.apps import PAGE_SCOPE as KNOWLEDGE

        search.register(models.Case)
        content.register_app(self.label, scopes=(PAGE_SCOPE,), private=PRIVATE_MODELS)
        # Case pages show the phases and challenges of the knowledge base too.
        pagecache.register_paths("/community/", scopes=(KNOWLEDGE, PAGE_SCOPE))
        pagecache.never_cache_paths("/moderatie/")
        tags.register(
            models.Case,
            heading="Praktijkverhalen",
            order=25,
            template="community/_case_item.html",
            queryset=lambda: (
                models.Case.objects.published()
                .select_related("organisation")
                .order_by("-published_at")
            ),
        )
        actionlog.register_verbs(models.ModerationVerb)

        # After every app's migrations, so the permissions of apps listed after this
        # one (sessions_app) exist when the group gets them.
        post_migrate.connect(signals.ensure_role_groups, dispatch_uid="community-role-groups")
        email_confirmed.connect(
            signals.refresh_verification, dispatch_uid="community-email-confirmed"
        )
