"""EMAIL_URL read into Django's e-mail settings (pure Python, no Django)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

SCHEMES = {
    # scheme: (default port, STARTTLS, implicit TLS)
    "smtp": (25, False, False),
    "smtp+tls": (587, True, False),
    "submission": (587, True, False),
    "smtps": (465, False, True),
    "smtp+ssl": (465, False, True),
}


@dataclass(frozen=True)
class EmailServer:
    host: str
    port: int
    user: str
    password: str
    use_tls: bool
    use_ssl: bool


def parse_email_url(url: str) -> EmailServer:
    """``smtp+tls://user:password@mail.example.vn:587`` -> the server to send through.
    User and password are percent-decoded (an "@" in a password is written %40)."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(
            f"EMAIL_URL: unknown scheme {parts.scheme!r}; use one of {', '.join(SCHEMES)}"
        )
    if not parts.hostname:
        raise ValueError("EMAIL_URL: no host")
    default_port, use_tls, use_ssl = SCHEMES[parts.scheme]
    return EmailServer(
        host=parts.hostname,
        port=parts.port or default_port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=use_tls,
        use_ssl=use_ssl,
    )
