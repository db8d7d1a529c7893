from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cocreatie import relevance


class Command(BaseCommand):
    help = (
        "Score the search on the relevance set: recall@5 and mean reciprocal rank, per "
        "category, and the queries that miss what they should find. Run it after changing "
        "the synonyms to see their effect."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=relevance.DEFAULT_FILE, help="the set to score"
        )

    def handle(self, *args, file, **options):
        try:
            entries = relevance.load(file)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        report = relevance.evaluate(entries)
        out = self.stdout.write
        out(f"{len(report.outcomes)} queries from {file}")
        out(f"recall@{relevance.TOP}: {report.recall:.3f} (at least {relevance.MIN_RECALL})")
        out(f"MRR:      {report.mrr:.3f} (at least {relevance.MIN_MRR})")
        out("")
        out(f"{'category':<16} {'queries':>7} {'recall@5':>9} {'MRR':>6}")
        for name, (count, recall, mrr) in report.by_category().items():
            out(f"{name:<16} {count:>7} {recall:>9.3f} {mrr:>6.3f}")
        if report.misses:
            out("")
            out("Queries that miss what they should find:")
            for outcome in report.misses:
                missing = ", ".join(outcome.missing)
                out(f"  {outcome.text!r} ({outcome.category}): missing {missing}")
                out(f"      found: {', '.join(outcome.found) or 'nothing'}")
                if outcome.known_miss:
                    out(f"      known: {outcome.known_miss}")
        good = (
            report.recall >= relevance.MIN_RECALL
            and report.mrr >= relevance.MIN_MRR
            and not report.unexpected_misses
        )
        out("")
        out(self.style.SUCCESS("Meets the targets.") if good else self.style.ERROR("Below target."))
