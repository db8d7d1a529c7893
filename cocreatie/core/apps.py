from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CoreConfig(AppConfig):
    """Infrastructure that names no app: search, page cache, mail outbox, action log.

    The label stays ``cocreatie`` so its tables, migrations and content types are the
    ones the project always had."""

    name = "cocreatie.core"
    label = "cocreatie"
    verbose_name = "Cocreatie"

    def ready(self):
        from django.contrib.contenttypes.models import ContentType
        from django.db.models.signals import post_migrate
        from taggit.models import Tag, TaggedItem

        from cocreatie.core import actionlog, content, following, pagecache, search, tags

        content.connect_signals()
        post_migrate.connect(search.rebuild_if_stale, sender=self)
        actionlog.connect_signals()
        tags.connect_signals()

        # Tags are shared by every app: a renamed tag shows on every page; a tag added
        # to or taken from an item changes the pages of that item's kind.
        def tagged_item_scopes(item):
            model = ContentType.objects.get_for_id(item.content_type_id).model_class()
            return content.static_scopes_for(model)

        following.register(
            Tag, key="tag", label=gettext_lazy("Tag"), plural=gettext_lazy("Tags"), order=30
        )

        content.register(Tag, scopes=(pagecache.SITE,))
        # A renamed tag is found under its new name.
        search.cascade(
            Tag,
            lambda tag: [
                item.content_object
                for item in TaggedItem.objects.filter(tag=tag).prefetch_related("content_object")
                if item.content_object is not None
            ],
        )
        content.register(TaggedItem, scopes=tagged_item_scopes)
