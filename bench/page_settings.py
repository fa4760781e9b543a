"""The page benchmark's settings: production's, with a bare Django view beside the site's URLs
(bench/page_urls.py) to measure the framework's own ceiling in the same run."""

from settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.page_urls"
