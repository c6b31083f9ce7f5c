/*
 * organization-picker.js — the organization question on the registration and contact
 * details forms. No dependencies, ES2019. Without it the form still works: the Search
 * button reloads the form with the matches in the list.
 *
 * [data-organization-picker data-search-url]  the fieldset
 *   [data-organization-search]   text box: typing (debounced) asks search-url?q=... for
 *                                at most 20 matches (JSON) and refills the list
 *   [data-organization-select]   the list: keeps its first option (the prompt), "(Other)",
 *                                "Solo practitioner" and the current choice
 *   [data-new-organization]      shown only while "(Other)" is chosen
 *   [data-organization-status]   announces how many matched (aria-live)
 * Older responses never overwrite newer ones; a failed request leaves the list as it was.
 */
(function () {
  "use strict";
  if (!window.fetch || !window.URL) return;

  var DEBOUNCE_MS = 200;
  var KEEP = ["", "other", "solo"];

  function setup(picker) {
    var input = picker.querySelector("[data-organization-search]");
    var select = picker.querySelector("[data-organization-select]");
    var extra = picker.querySelector("[data-new-organization]");
    var status = picker.querySelector("[data-organization-status]");
    var button = picker.querySelector("[data-organization-search-button]");
    if (!input || !select) return;
    var url = picker.getAttribute("data-search-url");
    var sequence = 0;
    var controller = null;
    var timer = null;
    var lastQuery = null;

    function toggleExtra() {
      if (extra) extra.hidden = select.value !== "other";
    }

    function fill(results) {
      var chosen = select.value;
      var chosenOption = select.options[select.selectedIndex];
      var kept = [];
      var tail = [];
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value === "") kept.push(option);
        else if (option.value === "other" || option.value === "solo") tail.push(option);
      });
      while (select.options.length) select.remove(0);
      kept.forEach(function (option) { select.add(option); });
      var seen = {};
      if (chosen && KEEP.indexOf(chosen) === -1 && chosenOption) {
        select.add(chosenOption);
        seen[chosen] = true;
      }
      results.forEach(function (result) {
        var value = String(result.id);
        if (seen[value]) return;
        seen[value] = true;
        select.add(new Option(result.label, value));
      });
      tail.forEach(function (option) { select.add(option); });
      select.value = chosen;
      if (select.value !== chosen) select.value = "";
      if (status) {
        var template = results.length
          ? picker.getAttribute("data-status-found") || ""
          : picker.getAttribute("data-status-none") || "";
        status.textContent = template.replace("%(count)s", String(results.length));
      }
      toggleExtra();
    }

    function search() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      var mine = ++sequence;
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var target = new URL(url, window.location.href);
      target.searchParams.set("q", query);
      fetch(target.href, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error("search failed");
          return response.json();
        })
        .then(function (data) {
          if (mine !== sequence) return; // a newer search is on its way
          fill(data.results || []);
        })
        .catch(function () { /* keep the list as it is */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter searches now instead of submitting the whole form.
        event.preventDefault();
        window.clearTimeout(timer);
        search();
      }
    });
    select.addEventListener("change", toggleExtra);
    if (button) button.hidden = true;
    toggleExtra();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-organization-picker]"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
