"""The alert mails: the confirmation and the daily digest, each in plain text and HTML from
Vietnamese templates, each with the links to end this subscription and to see them all
(also as List-Unsubscribe headers, so a mail program offers one-click unsubscribing)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from alerts import tokens
from alerts.models import Subscriber, Subscription


def site_url(path: str) -> str:
    base = settings.PORTAL_ALERTS_BASE_URL or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def manage_url(subscriber: Subscriber) -> str:
    return site_url(reverse("alerts:manage", args=[tokens.make(tokens.MANAGE, subscriber.pk)]))


def unsubscribe_url(subscription: Subscription) -> str:
    token = tokens.make(tokens.UNSUBSCRIBE, subscription.pk)
    return site_url(reverse("alerts:unsubscribe", args=[token]))


def _message(
    subscriber: Subscriber, subject: str, template: str, context: dict, unsubscribe: str
) -> EmailMultiAlternatives:
    context = {
        **context,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "manage_url": manage_url(subscriber),
        "unsubscribe_url": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"alerts/mail/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.address],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"alerts/mail/{template}.html", context), "text/html"
    )
    return message


def confirmation(subscription: Subscription) -> EmailMultiAlternatives:
    token = tokens.make(tokens.CONFIRM, subscription.pk)
    hours = settings.PORTAL_ALERTS_CONFIRM_MAX_AGE // 3600
    return _message(
        subscription.subscriber,
        f"Xác nhận đăng ký nhận thư báo: {subscription.label}"[:150],
        "confirm",
        {
            "subscription": subscription,
            "confirm_url": site_url(reverse("alerts:confirm", args=[token])),
            "hours": hours,
        },
        unsubscribe_url(subscription),
    )


def digest(subscription: Subscription, items: list) -> EmailMultiAlternatives:
    return _message(
        subscription.subscriber,
        f"Thư báo: {len(items)} mục mới — {subscription.label}"[:150],
        "digest",
        {"subscription": subscription, "items": items},
        unsubscribe_url(subscription),
    )
