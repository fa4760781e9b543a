"""Small site-wide views."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control


@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the static icon (a
    temporary redirect, since its collected name carries a content hash that changes)."""
    return HttpResponseRedirect(static("favicon.ico"))
