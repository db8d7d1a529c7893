"""The site's URLs plus /bench/ping; ``BENCH_RELAXED_LIMITS`` makes this the URLconf."""

from django.urls import path

from bench.pages import ping
from cocreatie.core import pagecache
from cocreatie.urls import urlpatterns as site_urlpatterns

# The reference view measures the framework alone: not even a page-cache lookup.
pagecache.never_cache_paths("/bench/")

urlpatterns = [*site_urlpatterns, path("bench/ping", ping, name="bench_ping")]
