/* Reading tools (font size, print), the read counter and search suggestions.
   Plain JavaScript, no framework: every page works without it. */
(function () {
    "use strict";
    var root = document.documentElement;
    var STORE = "portal-font-scale";
    var steps = [0.875, 1, 1.125, 1.25, 1.5];

    function applyScale(index) {
        root.style.setProperty("--font-scale", steps[index]);
        try { localStorage.setItem(STORE, String(index)); } catch (e) { /* private mode */ }
    }
    var current = 1;
    try {
        var saved = parseInt(localStorage.getItem(STORE), 10);
        if (saved >= 0 && saved < steps.length) { current = saved; applyScale(current); }
    } catch (e) { /* storage unavailable */ }

    // The printed date is the day of printing, not the day the (possibly cached) page was made.
    window.addEventListener("beforeprint", function () {
        var day = document.querySelector("[data-print-date]");
        if (!day) { return; }
        var now = new Date();
        var pad = function (n) { return (n < 10 ? "0" : "") + n; };
        day.textContent = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
        day.setAttribute("datetime", now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()));
    });

    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-font-step], [data-print]");
        if (!button) { return; }
        if (button.hasAttribute("data-print")) { window.print(); return; }
        var step = parseInt(button.getAttribute("data-font-step"), 10);
        current = step === 0 ? 1 : Math.max(0, Math.min(steps.length - 1, current + step));
        applyScale(current);
    });

    var article = document.querySelector("[data-read-url]");
    if (article && navigator.sendBeacon) {
        window.addEventListener("load", function () {
            navigator.sendBeacon(article.getAttribute("data-read-url"));
        });
    }

    document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
        var list = document.createElement("ul");
        list.className = "suggestions";
        list.id = input.id + "-suggestions";
        list.hidden = true;
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("aria-autocomplete", "list");
        input.parentNode.appendChild(list);
        var timer = null;
        var controller = null;
        input.addEventListener("input", function () {
            clearTimeout(timer);
            var q = input.value.trim();
            if (q.length < 2) { list.hidden = true; return; }
            timer = setTimeout(function () {
                if (controller) { controller.abort(); }
                controller = new AbortController();
                fetch(input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(q),
                      {signal: controller.signal, headers: {"Accept": "application/json"}})
                    .then(function (r) { return r.ok ? r.json() : {suggestions: []}; })
                    .then(function (data) {
                        list.innerHTML = "";
                        (data.suggestions || []).slice(0, 8).forEach(function (s) {
                            var li = document.createElement("li");
                            var a = document.createElement("a");
                            a.href = s.url;
                            a.textContent = s.label;
                            li.appendChild(a);
                            list.appendChild(li);
                        });
                        list.hidden = !list.children.length;
                    })
                    .catch(function () { list.hidden = true; });
            }, 200);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "Escape") { list.hidden = true; }
            if (event.key === "ArrowDown" && !list.hidden) {
                event.preventDefault();
                var first = list.querySelector("a");
                if (first) { first.focus(); }
            }
        });
        list.addEventListener("keydown", function (event) {
            var link = event.target.closest("a");
            if (!link) { return; }
            var item = link.parentNode;
            if (event.key === "ArrowDown" && item.nextSibling) { event.preventDefault(); item.nextSibling.firstChild.focus(); }
            if (event.key === "ArrowUp") { event.preventDefault(); (item.previousSibling ? item.previousSibling.firstChild : input).focus(); }
            if (event.key === "Escape") { list.hidden = true; input.focus(); }
        });
    });
})();
