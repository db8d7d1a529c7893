from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roadmap.models import Article, Example


class LatestKnowledgeFeed(Feed):
    """Atom feed of the newest articles and worked examples."""

    feed_type = Atom1Feed
    title = gettext_lazy("Cocreatie: nieuwe artikelen en voorbeelden")
    subtitle = gettext_lazy(
        "Achtergrondartikelen en voorbeelden van co-creatie van publieke diensten."
    )
    link = reverse_lazy("home")
    limit = 30

    def items(self):
        newest = [
            *Article.objects.published()
            .prefetch_related("tags")
            .order_by("-created_at")[: self.limit],
            *Example.objects.published()
            .prefetch_related("tags")
            .order_by("-created_at")[: self.limit],
        ]
        return sorted(newest, key=lambda item: item.created_at, reverse=True)[: self.limit]

    def item_title(self, item):
        # ``kind_label`` is the Dutch name of the kind (data), translated here.
        return f"{_(item.kind_label)}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
