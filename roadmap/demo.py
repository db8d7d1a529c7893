"""Load the knowledge base's demo content from ``roadmap.demo_content``.

Only items whose slug is missing are created, with their links and tags; an item that
exists is never touched, so a moderator's edits survive every run. The one exception: the
English version of a title or summary (``english_fields``) that is still empty on an item
that exists is filled in; one a moderator wrote is kept.
"""

import datetime

from django.db import transaction

from roadmap import demo_content as content
from roadmap.models import Article, Challenge, Example, GuidingQuestion, Phase, Theme, Tool

FIELDS = {
    Phase: [
        "order", "title", "short_title", "summary", "body", "title_en", "short_title_en",
        "summary_en",
    ],
    Tool: ["title", "kind", "summary", "body", "when_to_use", "how_to_use"],
    Example: [
        "title", "summary", "country", "place", "organisation", "what_was_done", "lessons",
        "body",
    ],
    Challenge: ["number", "title", "summary", "body", "title_en", "summary_en"],
    Article: ["title", "kind", "summary", "body", "author"],
    Theme: ["order", "title", "summary", "body"],
}  # fmt: skip


def _create_missing(model, entries):
    """Create the entries whose slug is not there yet; return {slug: item} of all."""
    existing = {item.slug: item for item in model.objects.all()}
    created = {}
    for entry in entries:
        if entry["slug"] in existing:
            continue
        item = model(slug=entry["slug"], **{name: entry[name] for name in FIELDS[model]})
        if model is Article and entry.get("published_on"):
            item.published_on = datetime.date.fromisoformat(entry["published_on"])
        item.save()
        item.tags.set(entry["tags"])
        created[item.slug] = item
    return {**existing, **created}, created


def _fill_in_english(model, entries, items) -> int:
    """Fill in the English versions that are still empty on existing items; return how
    many items got one."""
    names = [f"{field}_en" for field in model.english_fields]
    filled = 0
    for entry in entries:
        item = items[entry["slug"]]
        empty = [name for name in names if entry.get(name) and not getattr(item, name)]
        if empty:
            for name in empty:
                setattr(item, name, entry[name])
            item.save(update_fields=[*empty, "updated_at"])
            filled += 1
    return filled


def _link(items, created, entries, field, targets):
    """Set ``field`` on newly created items to the targets their entry names."""
    for entry in entries:
        if entry["slug"] in created and entry.get(field):
            getattr(items[entry["slug"]], field).set([targets[slug] for slug in entry[field]])


@transaction.atomic
def load() -> str:
    phases, new_phases = _create_missing(Phase, content.PHASES)
    english = _fill_in_english(Phase, content.PHASES, phases)
    for entry in content.PHASES:
        if entry["slug"] in new_phases:
            for order, question in enumerate(entry["questions"], start=1):
                GuidingQuestion.objects.create(
                    phase=phases[entry["slug"]],
                    order=order,
                    question=question["question"],
                    answer=question["answer"],
                    steps="\n".join(question["steps"]),
                )

    tools, new_tools = _create_missing(Tool, content.TOOLS)
    _link(tools, new_tools, content.TOOLS, "phases", phases)

    examples, new_examples = _create_missing(Example, content.EXAMPLES)
    _link(examples, new_examples, content.EXAMPLES, "phases", phases)
    _link(examples, new_examples, content.EXAMPLES, "tools", tools)

    challenges, new_challenges = _create_missing(Challenge, content.CHALLENGES)
    english += _fill_in_english(Challenge, content.CHALLENGES, challenges)
    _link(challenges, new_challenges, content.CHALLENGES, "phases", phases)
    _link(challenges, new_challenges, content.CHALLENGES, "tools", tools)
    for entry in content.CHALLENGES:
        # Challenges and examples both name their links; a new item of either side gets
        # the union, without touching links of items that already existed.
        challenge = challenges[entry["slug"]]
        wanted = set(entry["examples"]) | {
            example["slug"]
            for example in content.EXAMPLES
            if entry["slug"] in example.get("challenges", [])
        }
        for slug in wanted:
            if slug in examples and (challenge.slug in new_challenges or slug in new_examples):
                challenge.examples.add(examples[slug])

    articles, new_articles = _create_missing(Article, content.ARTICLES)
    themes, new_themes = _create_missing(Theme, content.THEMES)
    _link(themes, new_themes, content.THEMES, "tools", tools)
    _link(themes, new_themes, content.THEMES, "examples", examples)
    _link(themes, new_themes, content.THEMES, "articles", articles)

    made = {
        "phases": len(new_phases),
        "tools": len(new_tools),
        "examples": len(new_examples),
        "challenges": len(new_challenges),
        "articles": len(new_articles),
        "themes": len(new_themes),
    }
    if not any(made.values()) and not english:
        return "knowledge base complete, nothing added"
    report = [f"{count} {name}" for name, count in made.items() if count]
    if english:
        report.append(f"English versions to {english} existing items")
    return "added " + ", ".join(report)
