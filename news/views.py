"""The read counter: the page counts a reading with a beacon after it has loaded, so a reader
waits for nothing and crawlers, which do not run scripts, do not inflate the figure."""

import hashlib

from django.core.cache import cache
from django.db.models import F
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from news.models import NewsPage

REPEAT_WINDOW_SECONDS = 30 * 60


@csrf_exempt  # a bare counter, no state of the reader's changes
@require_POST
def count_read(request, page_id: int):
    """Add one reading, at most one per reader and item per half hour."""
    reader = request.META.get("REMOTE_ADDR", "") + request.META.get("HTTP_USER_AGENT", "")
    digest = hashlib.blake2b(reader.encode(), digest_size=8).hexdigest()
    key = f"news-read:{page_id}:{digest}"
    if cache.add(key, 1, REPEAT_WINDOW_SECONDS):
        NewsPage.objects.filter(pk=page_id, live=True).update(read_count=F("read_count") + 1)
    return HttpResponse(status=204)
