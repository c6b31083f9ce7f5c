/*
 * partial.js — progressive enhancement for CGRS TA pages. No dependencies, ES2019.
 * Every page works without it; this only makes filtering and paging quicker.
 *
 * <form method="get" data-partial="results">  inputs fire a fetch of action?serialized-form
 *   with header "X-Partial: results"; the server answers with only that region's HTML,
 *   which replaces [data-partial-region="results"]. Typing is debounced (250 ms).
 * <a data-partial-link> inside a region (pagination, "clear filters") works the same way.
 * The URL follows (pushState on discrete changes, replaceState while typing); Back/Forward
 * re-fetch the region. Older responses never overwrite newer ones. Any failure falls back to
 * a normal page load. The optional response header X-Partial-Status (URL-encoded text) is
 * announced through [data-partial-status] (or a hidden aria-live element we create).
 * Also: select[data-autosubmit] submits its form on change; [data-confirm] asks first;
 * [data-error-summary] receives focus on load.
 * <details data-collapse-narrow open> (filters) is closed on a narrow screen, where it would
 *   push the results far down; open without JavaScript; the person's choice survives updates.
 * <details data-keep-open id="..."> (search tips) that the person opened stays open on updates.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  if (!window.fetch || !window.history || !window.URLSearchParams) return;

  var DEBOUNCE_MS = 250;
  var TEXT_TYPES = ["text", "search", ""];
  var sequence = {}; // region -> number of the newest request
  var controllers = {}; // region -> AbortController of the request in flight
  var lastUrl = {}; // region -> URL last requested (to skip duplicate requests)
  var timers = new WeakMap(); // form -> debounce timer

  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 55.99em)") : null;
  var filtersOpen = null; // what the person chose on a narrow screen; null until they choose

  function fitCollapsibles(root) {
    var narrow = NARROW !== null && NARROW.matches;
    root.querySelectorAll("details[data-collapse-narrow]").forEach(function (details) {
      details.open = !narrow || filtersOpen === true;
      details.addEventListener("toggle", function () {
        if (NARROW !== null && NARROW.matches) filtersOpen = details.open;
      });
    });
  }

  function regionElement(name) {
    return document.querySelector('[data-partial-region="' + CSS.escape(name) + '"]');
  }

  function formUrl(form) {
    var url = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value !== "") params.append(key, value);
    });
    url.search = params.toString();
    url.hash = "";
    return url.href;
  }

  function statusElement() {
    var el = document.querySelector("[data-partial-status]");
    if (!el) {
      el = document.createElement("div");
      el.className = "visually-hidden";
      el.setAttribute("data-partial-status", "");
      document.body.appendChild(el);
    }
    el.setAttribute("aria-live", "polite");
    el.setAttribute("role", "status");
    return el;
  }

  function announce(text) {
    if (!text) return;
    var el = statusElement();
    el.textContent = "";
    window.setTimeout(function () { el.textContent = text; }, 50);
  }

  // Remember what had focus inside the region so the same control can be refocused.
  function focusSnapshot(region) {
    var el = document.activeElement;
    if (!el || el === document.body || !region.contains(el)) return null;
    return {
      id: el.id,
      name: el.getAttribute("name"),
      value: el.value,
      text: TEXT_TYPES.indexOf((el.getAttribute("type") || "").toLowerCase()) !== -1 && el.tagName === "INPUT",
      start: el.selectionStart,
      end: el.selectionEnd,
    };
  }

  function restoreFocus(region, snap) {
    if (!snap) return;
    var el = null;
    if (snap.id) el = document.getElementById(snap.id);
    if (!el && snap.name) {
      var candidates = region.querySelectorAll('[name="' + CSS.escape(snap.name) + '"]');
      for (var i = 0; i < candidates.length && !el; i++) {
        if (candidates[i].value === snap.value || snap.text) el = candidates[i];
      }
    }
    if (el && region.contains(el)) {
      if (snap.text) {
        el.value = snap.value; // keep what was typed while the request was in flight
        try { el.setSelectionRange(snap.start, snap.end); } catch (e) { /* not a text field */ }
      }
      el.focus({ preventScroll: true });
    } else {
      // The focused control is gone (e.g. a pagination link): start at the top of the region.
      if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "-1");
      region.focus({ preventScroll: true });
      region.scrollIntoView({ block: "start" });
    }
  }

  // Put the form's controls in line with a URL (after Back/Forward).
  function syncForms(name, href) {
    var params = new URL(href).searchParams;
    document.querySelectorAll('form[data-partial="' + CSS.escape(name) + '"]').forEach(function (form) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button") return;
        var values = params.getAll(el.name);
        if (el.type === "checkbox" || el.type === "radio") el.checked = values.indexOf(el.value) !== -1;
        else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
        } else el.value = values.length ? values[0] : "";
      });
    });
  }

  function load(name, href, historyMode) {
    var region = regionElement(name);
    if (!region) { window.location.assign(href); return; }
    if (historyMode !== "none" && href === lastUrl[name]) return;
    lastUrl[name] = href;
    var n = (sequence[name] || 0) + 1;
    sequence[name] = n;
    if (controllers[name]) controllers[name].abort();
    var controller = window.AbortController ? new AbortController() : null;
    controllers[name] = controller;
    region.setAttribute("aria-busy", "true");

    fetch(href, {
      headers: { "X-Partial": name },
      credentials: "same-origin",
      cache: "no-store",
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || response.redirected || type.indexOf("text/html") !== 0) {
          throw new Error("partial: unusable response");
        }
        return response.text().then(function (html) {
          // A whole page means the server did not honour X-Partial: navigate instead.
          if (/<html[\s>]/i.test(html)) throw new Error("partial: full page");
          return { html: html, status: response.headers.get("X-Partial-Status") };
        });
      })
      .then(function (result) {
        if (n !== sequence[name]) return; // a newer request superseded this one
        var snap = focusSnapshot(region);
        // <details data-keep-open id=...> (search tips) stay as the person left them.
        var opened = Array.prototype.map.call(
          region.querySelectorAll("details[data-keep-open][id][open]"), function (d) { return d.id; });
        region.innerHTML = result.html;
        opened.forEach(function (id) { var d = document.getElementById(id); if (d) d.open = true; });
        region.removeAttribute("aria-busy");
        fitCollapsibles(region);
        var state = { partialRegion: name };
        if (historyMode === "push") history.pushState(state, "", href);
        else if (historyMode === "replace") history.replaceState(state, "", href);
        restoreFocus(region, snap);
        var status = result.status;
        if (status) { try { status = decodeURIComponent(status); } catch (e) { /* plain text */ } }
        announce(status || region.getAttribute("data-partial-message"));
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        if (n !== sequence[name]) return;
        window.location.assign(href); // fall back to an ordinary page load
      });
  }

  function isTextInput(el) {
    return el.tagName === "INPUT" && TEXT_TYPES.indexOf((el.getAttribute("type") || "").toLowerCase()) !== -1;
  }

  function partialForm(target) {
    var form = target && target.form;
    return form && form.hasAttribute("data-partial") && (form.method || "get").toLowerCase() === "get" ? form : null;
  }

  document.addEventListener("input", function (event) {
    var form = partialForm(event.target);
    if (!form || !isTextInput(event.target)) return;
    window.clearTimeout(timers.get(form));
    timers.set(form, window.setTimeout(function () {
      load(form.getAttribute("data-partial"), formUrl(form), "replace");
    }, DEBOUNCE_MS));
  });

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) {
      if (el.form.requestSubmit) el.form.requestSubmit(); else el.form.submit();
      return;
    }
    var form = partialForm(el);
    if (!form) return;
    window.clearTimeout(timers.get(form));
    load(form.getAttribute("data-partial"), formUrl(form), isTextInput(el) ? "replace" : "push");
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-partial") || (form.method || "get").toLowerCase() !== "get") return;
    event.preventDefault();
    window.clearTimeout(timers.get(form));
    load(form.getAttribute("data-partial"), formUrl(form), "push");
  });

  document.addEventListener("click", function (event) {
    var confirmer = event.target.closest && event.target.closest("[data-confirm]");
    if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest("a[data-partial-link]");
    if (!link || link.target || link.hasAttribute("download")) return;
    var region = link.closest("[data-partial-region]");
    var url = new URL(link.href, window.location.href);
    if (!region || url.origin !== window.location.origin) return;
    event.preventDefault();
    var name = region.getAttribute("data-partial-region");
    load(name, url.href, "push");
    syncForms(name, url.href);
  });

  window.addEventListener("popstate", function (event) {
    var name = event.state && event.state.partialRegion;
    if (!name || !regionElement(name)) return;
    syncForms(name, window.location.href);
    load(name, window.location.href, "none");
  });

  function init() {
    fitCollapsibles(document);
    // Mark the entry we arrived on, so coming Back to it re-fetches its region too.
    var first = document.querySelector("[data-partial-region]");
    if (first && !(history.state && history.state.partialRegion)) {
      history.replaceState({ partialRegion: first.getAttribute("data-partial-region") }, "", window.location.href);
    }
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
