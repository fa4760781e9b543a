"""Who is reading, and from where: pure functions for the read counter (no Django).

The client address itself is read in one place for the whole site (home.throttle.client_ip,
through the proxies of ``PORTAL_PROXY_COUNT``); here it becomes the unit counted. A same-site check reads the headers a
browser sets itself and a page on another site cannot forge (``Origin``, ``Sec-Fetch-Site``).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip().strip('"')
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def reader_key(address: str) -> str:
    """The unit that is counted once and rate-limited: an IPv4 address, or an IPv6 /64 (one
    subscriber's block, which a single reader can rotate through at will)."""
    parsed = _address(address)
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(parsed) if parsed else address[:64]


def is_same_site(origin: str | None, fetch_site: str | None, host: str) -> bool:
    """True when the browser says the request comes from a page of this host.

    ``Sec-Fetch-Site`` decides where a browser sends it (only "same-origin" passes: a sibling
    subdomain is another site here); otherwise ``Origin`` must name this host. A request with
    neither comes from no browser page (browsers send ``Origin`` with every POST) and is refused.
    """
    if fetch_site:
        return fetch_site.strip().lower() == "same-origin"
    if not origin or origin.strip().lower() == "null":
        return False
    netloc = urlsplit(origin.strip()).netloc.lower()
    return bool(netloc) and netloc == host.lower()
