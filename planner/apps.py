from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class PlannerConfig(AppConfig):
    name = "planner"
    verbose_name = gettext_lazy("Trajectplanner")

    def ready(self):
        from cocreatie.core import actionlog, memberdata, pagecache
        from planner import export, models

        actionlog.register_verbs(models.LogVerb)
        # Private pages, and the links that work without an account: never in the page
        # cache, whoever opens them.
        pagecache.never_cache_paths("/mijn-trajecten/", "/trajecten/", "/uitnodiging/", "/cijfer/")
        # A member's download holds their trajectories; deleting the account deletes
        # those they own alone.
        memberdata.register(export=export.member_export, forget=export.member_forget)
