"""Signed tokens in the links of alert mails (django.core.signing, the site's secret key):
a link names one subscription or one subscriber and cannot be forged or altered; the
confirmation link expires, the unsubscribe and management links in every mail do not."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

CONFIRM = "alerts.confirm"
UNSUBSCRIBE = "alerts.unsubscribe"
MANAGE = "alerts.manage"


class BadToken(Exception):
    """The link is altered, expired or from another site; the message is for people."""


def make(purpose: str, pk: int) -> str:
    return signing.dumps(pk, salt=purpose, compress=False)


def read(purpose: str, token: str) -> int:
    max_age = settings.PORTAL_ALERTS_CONFIRM_MAX_AGE if purpose == CONFIRM else None
    try:
        value = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken(
            "Đường dẫn xác nhận đã hết hạn. Xin đăng ký lại để nhận đường dẫn mới."
        ) from error
    except signing.BadSignature as error:
        raise BadToken("Đường dẫn không hợp lệ hoặc đã bị thay đổi.") from error
    if not isinstance(value, int):
        raise BadToken("Đường dẫn không hợp lệ hoặc đã bị thay đổi.")
    return value
