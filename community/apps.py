from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy

# The page-cache scope of members' content: cases, comments, profiles, organisations.
PAGE_SCOPE = "community"
# What the knowledge pages show of it (community.peer_cases): cases, their links to
# phases, challenges and tags, and the profiles and organisations shown with them. These
# raise both scopes; a comment raises only the first, leaving the knowledge pages cached.
CASES_SCOPE = "cases"
# What never shows on a public page: changes to these leave every cached page alone.
PRIVATE_MODELS = (
    "user", "report", "contactrequest", "caserevision", "decision", "appeal", "question",
    "questionblock",
)  # fmt: skip


# The member pages (profiles, organisations with their members): what a profile alone
# changes, so that a new member leaves the case list and the case pages cached.
MEMBERS_SCOPE = "members"
MEMBER_PATHS = ("/community/leden/", "/community/organisaties/")


def profile_scopes(profile) -> tuple[str, ...]:
    """A profile shows on knowledge pages as a colleague who accepts questions (now, or
    until this change) or as the author of a published case, and on case pages with the
    member's comments; a new member's profile shows only on the member pages (and in
    search), so it leaves the others cached."""
    from community.models import Case, Comment

    shown = (
        profile.accepts_questions
        or profile.accepted_questions_when_loaded
        or Case.objects.published().filter(author_id=profile.user_id).exists()
    )
    if shown:
        return (PAGE_SCOPE, CASES_SCOPE, MEMBERS_SCOPE)
    if Comment.objects.filter(author_id=profile.user_id).exists():
        return (PAGE_SCOPE, MEMBERS_SCOPE)
    return (MEMBERS_SCOPE,)


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = gettext_lazy("Community")

    def ready(self):
        from allauth.account.signals import email_confirmed, user_logged_in

        from cocreatie.core import (
            actionlog,
            content,
            following,
            memberdata,
            pagecache,
            related,
            search,
            tags,
        )
        from cocreatie.core import notifications as core_notifications
        from community import (
            models,
            notifications,
            pagination,  # noqa: F401 - its last-known figure, for workers
            peer_cases,
            questions,
            signals,
        )
        from roadmap.apps import PAGE_SCOPE as KNOWLEDGE
        from roadmap.apps import PATHS as KNOWLEDGE_PATHS
        from roadmap.models import Challenge, Example, Phase, Tool

        search.register(models.Case, plural=gettext_lazy("Praktijkverhalen"))
        search.register(models.Profile, plural=gettext_lazy("Leden"))
        search.register(
            models.Organisation,
            plural=gettext_lazy("Organisaties"),
            # Their profiles show the organisation's name in the results.
            children=lambda organisation: organisation.profiles.select_related("organisation"),
        )
        content.register_app(self.label, scopes=(PAGE_SCOPE,), private=PRIVATE_MODELS)
        # Case pages show the phases and challenges of the knowledge base too.
        pagecache.register_paths("/community/", scopes=(KNOWLEDGE, PAGE_SCOPE))
        pagecache.register_paths(*MEMBER_PATHS, scopes=(KNOWLEDGE, PAGE_SCOPE, MEMBERS_SCOPE))
        pagecache.never_cache_paths("/moderatie/")
        # The knowledge pages list the cases about them and their authors: a change to
        # what they show raises CASES_SCOPE too (roadmap's ready() ran first: this wins).
        for model in (models.Case, models.Case.phases.through, models.Case.challenges.through,
                      models.Organisation):  # fmt: skip
            content.register(model, scopes=(PAGE_SCOPE, CASES_SCOPE))
        content.register(models.Profile, scopes=profile_scopes)
        pagecache.register_paths(*KNOWLEDGE_PATHS, scopes=(KNOWLEDGE, CASES_SCOPE))
        related.register(Challenge, Phase, Example, Tool, provider=peer_cases.peer_cases, order=10)
        related.register(Challenge, provider=peer_cases.colleagues, order=20)
        tags.register(
            models.Case,
            heading=gettext_lazy("Praktijkverhalen"),
            order=25,
            template="community/_case_item.html",
            queryset=lambda: models.Case.objects.published().for_cards().order_by("-published_at"),
        )
        actionlog.register_verbs(models.ModerationVerb)

        following.register(
            models.Organisation, key="organisatie", label=gettext_lazy("Organisatie"),
            plural=gettext_lazy("Organisaties"), order=40,
        )  # fmt: skip
        following.register(
            models.Profile, key="lid", label=gettext_lazy("Lid"),
            plural=gettext_lazy("Leden"), order=50,
            queryset=models.Profile.objects.listed,
        )  # fmt: skip
        following.register(
            models.Case, key="verhaal", label=gettext_lazy("Praktijkverhaal"),
            plural=gettext_lazy("Praktijkverhalen"), order=60,
            queryset=models.Case.objects.published,
        )  # fmt: skip
        notifications.register_kinds()
        core_notifications.register_pages(
            list_url_name="community:notification_list",
            preferences_url_name="community:notification_settings",
            unsubscribe_url_name="community:unsubscribe",
        )
        questions.register_unsubscribe()  # the one-click link in a relayed question
        # A member's download holds what they follow and their notifications.
        memberdata.register(export=notifications.member_export, forget=notifications.member_forget)

        # After every app's migrations, so the permissions of apps listed after this
        # one (sessions_app) exist when the group gets them.
        post_migrate.connect(signals.ensure_role_groups, dispatch_uid="community-role-groups")
        email_confirmed.connect(
            signals.refresh_verification, dispatch_uid="community-email-confirmed"
        )
        # Which identity provider a session logged in through, and whether it asserted
        # two-factor authentication (community.sso).
        user_logged_in.connect(signals.remember_sso_login, dispatch_uid="community-sso-login")
        # However a photo or document row goes (its own delete, its case's, the account's),
        # its files go with it.
        for model in (models.CaseImage, models.CaseDocument):
            post_delete.connect(
                signals.delete_stored_files, sender=model, dispatch_uid=f"files-{model.__name__}"
            )
