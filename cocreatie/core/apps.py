from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure that names no app: search, page cache, mail outbox, action log.

    The label stays ``cocreatie`` so its tables, migrations and content types are the
    ones the project always had."""

    name = "cocreatie.core"
    label = "cocreatie"
    verbose_name = "Cocreatie"

    def ready(self):
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import Tag, TaggedItem

        from cocreatie.core import actionlog, content, following, pagecache, tags

        content.connect_signals()
        actionlog.connect_signals()
        tags.connect_signals()

        # Tags are shared by every app: a renamed tag shows on every page; a tag added
        # to or taken from an item changes the pages of that item's kind.
        def tagged_item_scopes(item):
            model = ContentType.objects.get_for_id(item.content_type_id).model_class()
            return content.static_scopes_for(model)

        following.register(Tag, key="tag", label="Tag", plural="Tags", order=30)

        content.register(Tag, scopes=(pagecache.SITE,))
        content.register(TaggedItem, scopes=tagged_item_scopes)
