"""``{% kept_fragment "name" part ... %}…{% endkept_fragment %}``: a template fragment kept in
the cache under the site's generation (home/pagecache.py), its parts, and the request's scheme
and host (absolute addresses in it). Any committed change a page may show moves the generation
on, so a kept fragment is never stale. Rendered afresh for previews, and everywhere when
``PORTAL_FRAGMENT_CACHE`` is off (development, tests)."""

from __future__ import annotations

import hashlib

from django import template

from home import pagecache

register = template.Library()


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context) -> str:
        request = context.get("request")
        if (
            not pagecache.fragments_enabled()
            or request is None
            or getattr(request, "is_preview", False)
        ):
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.parts]
        address = f"{request.scheme}://{request.get_host()}"
        digest = hashlib.sha1("\x00".join([address, *parts]).encode()).hexdigest()
        key = f"fragment:{pagecache.generation()}:{digest}"
        store = pagecache.store()
        kept = store.get(key)
        if kept is None:
            kept = self.nodelist.render(context)
            store.set(key, kept, pagecache.timeout())
        return kept


@register.tag("kept_fragment")
def kept_fragment(parser, token):
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("kept_fragment needs a name")
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, parts)
