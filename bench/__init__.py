"""Tools for the performance benchmark; ``python -m bench.seed`` fills a database."""
