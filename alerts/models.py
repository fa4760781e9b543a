"""E-mail alerts: who asked to hear about what, and what they have been sent.

An address is kept only to send mail to it: no page, admin screen, log line or mail shows it
(logs name the subscriber's number), and it is found again by a keyed hash, so "is this
address subscribed?" is never answered by reading the column.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone


def address_digest(address: str) -> str:
    """HMAC-SHA256 of the address (trimmed, lower case) under the site's secret key."""
    normalised = address.strip().lower().encode()
    return hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256).hexdigest()


class Subscriber(models.Model):
    """One e-mail address; its subscriptions, confirmed or not, hang from it."""

    address = models.EmailField("địa chỉ thư", max_length=254)
    address_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "người nhận thư báo"
        verbose_name_plural = "người nhận thư báo"

    def __str__(self) -> str:
        return f"người nhận #{self.pk}"


class Kind(models.TextChoices):
    SEARCH = "search", "Kết quả tìm kiếm"
    DIRECTIVES = "directives", "Văn bản mới"
    AGENCY = "agency", "Văn bản của một cơ quan"
    PROCEDURES = "procedures", "Thay đổi thủ tục hành chính"


class Subscription(models.Model):
    """What one subscriber wants to hear about: a search, a filtered directive list, an agency
    or the procedure changes. It sends nothing until the subscriber confirms it."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField("loại", max_length=16, choices=Kind.choices)
    params = models.JSONField("điều kiện", default=dict, blank=True)
    # The params as one canonical string (sorted query string): one subscription per topic.
    topic = models.CharField(max_length=500, editable=False)
    label = models.CharField("mô tả", max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "đăng ký nhận thư báo"
        verbose_name_plural = "đăng ký nhận thư báo"
        constraints = (
            models.UniqueConstraint(
                fields=("subscriber", "kind", "topic"), name="alerts_one_subscription_per_topic"
            ),
        )

    def __str__(self) -> str:
        return self.label


class Delivery(models.Model):
    """A page (in one revision, for procedure changes) already mailed for a subscription: the
    digest skips it, so running ``send_alerts`` twice sends nothing twice."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    page_id = models.PositiveBigIntegerField()
    revision_id = models.PositiveBigIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "thư báo đã gửi"
        verbose_name_plural = "thư báo đã gửi"
        constraints = (
            models.UniqueConstraint(
                fields=("subscription", "page_id", "revision_id"), name="alerts_sent_once"
            ),
        )

    def __str__(self) -> str:
        return f"#{self.subscription_id}: trang {self.page_id}"
