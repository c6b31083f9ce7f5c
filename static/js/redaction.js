/*
 * The redaction workbench's progressive enhancement (no inline script: CSP). Without it every
 * page still works: links for pages, checkboxes and buttons for proposals, typed edges for
 * boxes, a refresh while a task runs.
 *
 * [data-poll-url]        the status region: polled every 1.5 s while a task runs; when the
 *                        task is done the page reloads to show its result.
 * [data-key-prev/next]   ← / → follow them (not while typing in a field).
 * [data-proposal-row]    J / K select the next / previous row; A / R press its Accept /
 *                        Reject button; clicking a rect on the page selects its row.
 * [data-page-canvas]     drag with the mouse to draw a box (fills [data-box-form], shows a
 *                        draft, focuses its submit button); or B to start a box at the
 *                        centre, arrows move it, Shift+arrows resize, Enter adds it.
 */
(function () {
  "use strict";

  function typing(event) {
    var el = event.target;
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  // --- Progress ------------------------------------------------------------------------------
  function poll(region) {
    var url = region.getAttribute("data-poll-url");
    window.setTimeout(function () {
      fetch(url, { headers: { "X-Partial": "status" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("[data-redaction-status]");
          if (!fresh) return;
          if (!fresh.hasAttribute("data-poll-url")) {
            window.location.reload();
            return;
          }
          var label = region.querySelector("[data-progress-label]");
          var freshLabel = fresh.querySelector("[data-progress-label]");
          if (label && freshLabel) label.textContent = freshLabel.textContent;
          var bar = region.querySelector("progress");
          var freshBar = fresh.querySelector("progress");
          if (bar && freshBar) bar.value = freshBar.value;
          poll(region);
        })
        .catch(function () {
          poll(region);
        });
    }, 1500);
  }

  // --- Proposals -----------------------------------------------------------------------------
  var rows = [];
  var selected = -1;

  function select(index) {
    if (!rows.length) return;
    selected = (index + rows.length) % rows.length;
    rows.forEach(function (row, i) {
      row.classList.toggle("is-selected", i === selected);
    });
    var id = rows[selected].getAttribute("data-proposal-row");
    document.querySelectorAll("rect[data-proposal]").forEach(function (rect) {
      rect.classList.toggle("proposal-selected", rect.getAttribute("data-proposal") === id);
    });
    rows[selected].scrollIntoView({ block: "nearest" });
  }

  function press(selector) {
    if (selected < 0) select(0);
    var button = rows[selected] && rows[selected].querySelector(selector);
    if (button) button.click();
  }

  // --- Drawing -------------------------------------------------------------------------------
  function setupCanvas(svg) {
    var form = document.querySelector("[data-box-form]");
    if (!form) return;
    var ns = "http://www.w3.org/2000/svg";
    var view = svg.viewBox.baseVal;
    var draft = null;
    var start = null;
    var box = null;

    function field(name) {
      return form.querySelector('[name="' + name + '"]');
    }

    function show(b) {
      box = {
        x0: Math.max(0, Math.min(b.x0, b.x1)),
        y0: Math.max(0, Math.min(b.y0, b.y1)),
        x1: Math.min(view.width, Math.max(b.x0, b.x1)),
        y1: Math.min(view.height, Math.max(b.y0, b.y1)),
      };
      if (!draft) {
        draft = document.createElementNS(ns, "rect");
        draft.setAttribute("class", "box-draft");
        svg.appendChild(draft);
      }
      draft.setAttribute("x", box.x0);
      draft.setAttribute("y", box.y0);
      draft.setAttribute("width", box.x1 - box.x0);
      draft.setAttribute("height", box.y1 - box.y0);
      ["x0", "y0", "x1", "y1"].forEach(function (key) {
        var input = field(key);
        if (input) input.value = box[key].toFixed(1);
      });
    }

    function point(event) {
      var p = svg.createSVGPoint();
      p.x = event.clientX;
      p.y = event.clientY;
      return p.matrixTransform(svg.getScreenCTM().inverse());
    }

    svg.addEventListener("pointerdown", function (event) {
      var target = event.target;
      if (target.hasAttribute && target.hasAttribute("data-proposal")) {
        var id = target.getAttribute("data-proposal");
        rows.forEach(function (row, i) {
          if (row.getAttribute("data-proposal-row") === id) select(i);
        });
        return;
      }
      start = point(event);
      svg.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (!start) return;
      var p = point(event);
      show({ x0: start.x, y0: start.y, x1: p.x, y1: p.y });
    });
    svg.addEventListener("pointerup", function () {
      if (!start) return;
      start = null;
      var submit = form.querySelector('button[type="submit"]');
      if (box && box.x1 - box.x0 > 2 && box.y1 - box.y0 > 2 && submit) submit.focus();
    });
    svg.addEventListener("keydown", function (event) {
      var step = event.altKey ? 1 : 6;
      if (event.key === "b" || event.key === "B") {
        var w = view.width / 4;
        var h = 14;
        show({
          x0: view.width / 2 - w / 2,
          y0: view.height / 2 - h / 2,
          x1: view.width / 2 + w / 2,
          y1: view.height / 2 + h / 2,
        });
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      if (!box) return;
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      var move = moves[event.key];
      if (move) {
        var b = { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 };
        if (event.shiftKey) {
          b.x1 = Math.max(b.x0 + 2, b.x1 + move[0]);
          b.y1 = Math.max(b.y0 + 2, b.y1 + move[1]);
        } else {
          b.x0 += move[0];
          b.x1 += move[0];
          b.y0 += move[1];
          b.y1 += move[1];
        }
        show(b);
        event.preventDefault();
        event.stopPropagation();
      } else if (event.key === "Enter") {
        form.requestSubmit ? form.requestSubmit() : form.submit();
        event.preventDefault();
      } else if (event.key === "Escape" && draft) {
        draft.remove();
        draft = null;
        box = null;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var region = document.querySelector("[data-poll-url]");
    if (region) poll(region);
    rows = Array.prototype.slice.call(document.querySelectorAll("[data-proposal-row]"));
    var canvas = document.querySelector("[data-page-canvas]");
    if (canvas) setupCanvas(canvas);

    document.addEventListener("keydown", function (event) {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      var link = null;
      if (event.key === "ArrowLeft") link = document.querySelector("[data-key-prev]");
      if (event.key === "ArrowRight") link = document.querySelector("[data-key-next]");
      if (link) {
        window.location.href = link.href;
        return;
      }
      if (!rows.length) return;
      if (event.key === "j" || event.key === "J") select(selected + 1);
      else if (event.key === "k" || event.key === "K") select(selected - 1);
      else if (event.key === "a" || event.key === "A") press("[data-accept]");
      else if (event.key === "r" || event.key === "R") press("[data-reject]");
    });
  });
})();
