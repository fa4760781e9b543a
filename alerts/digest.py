"""The daily digest: for each confirmed subscription, the public pages published for its
topic that it has not been sent yet, in one mail.

Idempotent: the pages are recorded as sent in the same transaction that sends the mail, the
subscription row locked meanwhile; a second run finds nothing new, and a mail that fails to
send rolls its records back so the next run tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alerts import mail
from alerts.models import Delivery, Subscriber, Subscription
from alerts.topics import new_items

logger = logging.getLogger("alerts")


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    expired: int = 0
    errors: list[str] = field(default_factory=list)


def drop_expired(now=None) -> int:
    """Unconfirmed subscriptions whose link has expired, and subscribers left with none."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.PORTAL_ALERTS_CONFIRM_MAX_AGE)
    removed, _ = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    Subscriber.objects.filter(subscriptions__isnull=True, created_at__lt=cutoff).delete()
    return removed


def _send_one(subscription_id: int) -> bool:
    """One subscription's digest; True when a mail went out."""
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update()
            .select_related("subscriber")
            .filter(pk=subscription_id, confirmed_at__isnull=False)
            .first()
        )
        if subscription is None:  # ended meanwhile
            return False
        sent = set(subscription.deliveries.values_list("page_id", "revision_id"))
        items = [
            item
            for item in new_items(subscription)
            if (item.page_id, item.revision_id if subscription.kind == "procedures" else 0)
            not in sent
        ]
        if not items:
            return False
        Delivery.objects.bulk_create(
            Delivery(
                subscription=subscription,
                page_id=item.page_id,
                revision_id=item.revision_id if subscription.kind == "procedures" else 0,
            )
            for item in items
        )
        mail.digest(subscription, items).send()
    logger.info(
        "alerts: sent %d item(s) to subscriber #%d for subscription #%d",
        len(items),
        subscription.subscriber_id,
        subscription.pk,
    )
    return True


def send_all() -> Outcome:
    outcome = Outcome(expired=drop_expired())
    ids = list(
        Subscription.objects.filter(confirmed_at__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for subscription_id in ids:
        try:
            if _send_one(subscription_id):
                outcome.sent += 1
        except Exception as error:  # one refused address or an outage must not stop the rest
            logger.exception("alerts: subscription #%d not sent", subscription_id)
            outcome.failed += 1
            outcome.errors.append(f"#{subscription_id}: {type(error).__name__}")
    return outcome
