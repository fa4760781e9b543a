"""Subscribing, confirming, seeing and ending alerts. No page shows an address: a subscriber
is known only through the signed links in the mails.

Whatever the address, the subscribe form answers the same "check your mailbox" page, so the
form cannot be used to learn who is subscribed; a client gets a few tries an hour and an
address a few unconfirmed subscriptions a day, so the form cannot be used to flood a mailbox.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import mail, tokens
from alerts.models import Subscriber, Subscription, address_digest
from alerts.topics import TopicError, read_topic
from home.throttle import client_ip
from news.readers import reader_key

logger = logging.getLogger("alerts")

RATE_WINDOW_SECONDS = 60 * 60


class SubscribeForm(forms.Form):
    address = forms.EmailField(
        label="Địa chỉ thư điện tử",
        max_length=254,
        error_messages={
            "required": "Xin nhập địa chỉ thư điện tử.",
            "invalid": "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.vn.",
        },
    )


def _over_rate(request) -> bool:
    who = hashlib.sha256(reader_key(client_ip(request) or "").encode()).hexdigest()[:32]
    key = f"alerts-subscribe:{who}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        return cache.incr(key) > settings.PORTAL_ALERTS_SUBSCRIBE_RATE
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        return False


def _render(request, template: str, context: dict, status: int = 200) -> TemplateResponse:
    response = TemplateResponse(request, f"alerts/{template}.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request):
    source = request.POST if request.method == "POST" else request.GET
    try:
        topic = read_topic(source)
    except TopicError as error:
        return _render(request, "subscribe", {"error": str(error)}, status=400)
    form = SubscribeForm(request.POST or None)
    context = {"topic": topic, "form": form, "params": topic.params, "kind": topic.kind}
    if request.method == "GET":
        return _render(request, "subscribe", context)
    if _over_rate(request):
        logger.warning("alerts: subscribe rate exceeded by %s", client_ip(request))
        context["error"] = "Bạn đã gửi quá nhiều yêu cầu đăng ký. Xin thử lại sau một giờ."
        response = _render(request, "subscribe", context, status=429)
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return response
    if not form.is_valid():
        return _render(request, "subscribe", context, status=400)
    if not _create(form.cleaned_data["address"], topic):
        context["error"] = (
            "Hiện chưa gửi được thư xác nhận. Xin thử lại sau ít phút; đăng ký chưa được lưu."
        )
        return _render(request, "subscribe", context, status=503)
    return _render(request, "check_mailbox", {"topic": topic})


def _create(address: str, topic) -> bool:
    """A pending subscription and its confirmation mail, unless the address already has it or
    has collected too many unconfirmed ones today; the visitor sees the same page either way."""
    digest = address_digest(address)
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(
            address_digest=digest, defaults={"address": address.strip()}
        )
        recent = subscriber.subscriptions.filter(
            confirmed_at__isnull=True, created_at__gte=timezone.now() - timedelta(days=1)
        ).count()
        if recent >= settings.PORTAL_ALERTS_PENDING_LIMIT:
            logger.warning(
                "alerts: subscriber #%d has too many pending subscriptions", subscriber.pk
            )
            return True
        created = True
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(
                    subscriber=subscriber,
                    kind=topic.kind,
                    params=topic.params,
                    topic=topic.key,
                    label=topic.label,
                )
        except IntegrityError:
            created = False
            subscription = subscriber.subscriptions.get(kind=topic.kind, topic=topic.key)
            if subscription.confirmed_at:
                return True  # already receiving it; say nothing that tells the visitor so
            subscription.created_at = timezone.now()
            subscription.save(update_fields=["created_at"])
    try:
        mail.confirmation(subscription).send()
    except OSError:
        logger.exception("alerts: confirmation for subscription #%d not sent", subscription.pk)
        if created:
            subscription.delete()
            Subscriber.objects.filter(pk=subscriber.pk, subscriptions__isnull=True).delete()
        return False
    logger.info("alerts: confirmation sent for subscription #%d", subscription.pk)
    return True


def _bad_link(request, error: tokens.BadToken) -> TemplateResponse:
    logger.info("alerts: refused link (%s)", error)
    return _render(
        request, "message", {"title": "Đường dẫn không dùng được", "text": str(error)}, 400
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button, POST confirms: a mail scanner that follows links confirms nothing."""
    try:
        pk = tokens.read(tokens.CONFIRM, token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    subscription = Subscription.objects.filter(pk=pk).select_related("subscriber").first()
    if subscription is None:
        return _bad_link(request, tokens.BadToken("Đăng ký này không còn (đã hủy hoặc quá hạn)."))
    if request.method == "POST" and not subscription.confirmed_at:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        logger.info("alerts: subscription #%d confirmed", subscription.pk)
    return _render(
        request,
        "confirm",
        {"subscription": subscription, "manage_url": mail.manage_url(subscription.subscriber)},
    )


@csrf_exempt  # RFC 8058 one-click unsubscribing posts without a form; the signed token decides
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        pk = tokens.read(tokens.UNSUBSCRIBE, token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    subscription = Subscription.objects.filter(pk=pk).first()
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
            logger.info("alerts: subscription #%d ended", pk)
        return _render(
            request,
            "message",
            {"title": "Đã hủy đăng ký", "text": "Bạn sẽ không nhận thư báo này nữa."},
        )
    if subscription is None:
        return _render(
            request, "message", {"title": "Đã hủy đăng ký", "text": "Đăng ký này đã được hủy."}
        )
    return _render(request, "unsubscribe", {"subscription": subscription})


@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    try:
        pk = tokens.read(tokens.MANAGE, token)
    except tokens.BadToken as error:
        return _bad_link(request, error)
    subscriber = get_object_or_404(Subscriber, pk=pk)
    if request.method == "POST":
        chosen = request.POST.get("end", "")
        ended = subscriber.subscriptions.all()
        if chosen != "all":
            ended = (
                ended.filter(pk=int(chosen))
                if chosen.isascii() and chosen.isdigit()
                else ended.none()
            )
        count, _ = ended.delete()
        logger.info("alerts: subscriber #%d ended %d subscription(s)", subscriber.pk, count)
    subscriptions = subscriber.subscriptions.order_by("created_at")
    return _render(
        request, "manage", {"subscriptions": subscriptions, "ended": request.method == "POST"}
    )
