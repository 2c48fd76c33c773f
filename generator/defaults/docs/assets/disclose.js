// Sortable and filterable tables, and the side-by-side comparison.
// Values from disclosures are only ever set as text (textContent), never as HTML.
(function () {
  "use strict";

  // Nothing here runs while the page loads: sort buttons and filter boxes are set up when the
  // browser is idle, a table at a time, and a table's rows are read only when the reader sorts or
  // filters it. Each step reads everything it needs first and then writes, so no layout is forced.
  var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: "base"});

  function whenIdle(work) {
    if (window.requestIdleCallback) window.requestIdleCallback(work, {timeout: 2000});
    else window.setTimeout(function () { work({timeRemaining: function () { return 10; }}); }, 1);
  }

  function eachWhenIdle(items, work) {
    var next = 0;
    whenIdle(function step(deadline) {
      while (next < items.length && deadline.timeRemaining() > 1) work(items[next++]);
      if (next < items.length) whenIdle(step);
    });
  }

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    var sort = cell.getAttribute("data-sort");
    return sort !== null ? sort : cell.textContent.trim();
  }

  function sortKey(value) {
    var number = parseFloat(value);
    return !isNaN(number) && String(number) === value ? number : null;
  }

  function compare(a, b) {
    if (a.number !== null && b.number !== null) return a.number - b.number;
    return collator.compare(a.text, b.text);
  }

  function sortBy(table, th, index) {
    var head = table.tHead.rows[0];
    var body = table.tBodies[0];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var keyed = Array.prototype.map.call(body.rows, function (row, position) {
      var text = cellValue(row, index);
      return {row: row, text: text, number: sortKey(text), position: position};
    });
    keyed.sort(function (a, b) {
      var order = compare(a, b);
      return (ascending ? order : -order) || a.position - b.position;
    });
    Array.prototype.forEach.call(head.cells, function (other) {
      if (other !== th && other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = document.createDocumentFragment();
    keyed.forEach(function (k) { rows.appendChild(k.row); });
    body.appendChild(rows);
  }

  function makeSortable(table) {
    var head = table.tHead;
    if (!head || !table.tBodies[0]) return;
    var cells = Array.prototype.slice.call(head.rows[0].cells);
    var labels = cells.map(function (th) { return th.textContent; });
    cells.forEach(function (th, index) {
      if (labels[index].trim() === "Select") return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dc-sort";
      button.textContent = labels[index];
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
  }

  function filterTable(table, words, texts) {
    var rows = table.tBodies[0].rows;
    var hide = [];
    for (var i = 0; i < rows.length; i++) {
      var text = texts.get(rows[i]);
      if (text === undefined) {
        text = rows[i].textContent.toLowerCase();
        texts.set(rows[i], text);
      }
      hide.push(!words.every(function (w) { return text.indexOf(w) !== -1; }));
    }
    for (var j = 0; j < rows.length; j++) if (rows[j].hidden !== hide[j]) rows[j].hidden = hide[j];
  }

  function makeFilterable(box) {
    // The theme may have wrapped the table in a scrolling box.
    var next = box.nextElementSibling;
    var table = next && (next.tagName === "TABLE" ? next : next.querySelector("table"));
    if (!table || !table.tBodies[0]) return;
    var input = box.querySelector("input");
    var texts = new WeakMap();  // a row's text, read once, on the first filtering
    box.hidden = false;
    input.addEventListener("input", function () {
      filterTable(table, input.value.toLowerCase().split(/\s+/).filter(Boolean), texts);
    });
  }

  function text(tag, value, className) {
    var el = document.createElement(tag);
    el.textContent = value === undefined || value === null ? "" : String(value);
    if (className) el.className = className;
    return el;
  }

  function flatten(value, prefix, out) {
    if (Array.isArray(value)) {
      if (value.every(function (v) { return typeof v !== "object" || v === null; })) {
        out[prefix] = value.join(", ");
      } else {
        value.forEach(function (v, i) {
          var key = v && typeof v === "object" && v.id ? v.id : String(i + 1);
          flatten(v, prefix + "[" + key + "]", out);
        });
      }
    } else if (value && typeof value === "object") {
      Object.keys(value).forEach(function (k) { flatten(value[k], prefix ? prefix + "." + k : k, out); });
    } else {
      out[prefix] = value;
    }
    return out;
  }

  function sideBySide(root, ids) {
    var holder = document.getElementById("dc-side-by-side");
    var safe = ids.filter(function (id) { return /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(id); }).slice(0, 6);
    if (!holder || !safe.length) return;
    Promise.all(safe.map(function (id) {
      return fetch(root + "api/v1/companies/" + id + ".json").then(function (r) {
        if (!r.ok) throw new Error(id);
        return r.json();
      });
    })).then(function (docs) {
      var flat = docs.map(function (d) { return flatten(d, "", {}); });
      var keys = [];
      flat.forEach(function (f) { Object.keys(f).forEach(function (k) { if (keys.indexOf(k) === -1) keys.push(k); }); });
      var table = document.createElement("table");
      table.setAttribute("data-side", "");
      var headRow = table.createTHead().insertRow();
      headRow.appendChild(text("th", "Field"));
      docs.forEach(function (d) { headRow.appendChild(text("th", d.company.name)); });
      var body = table.createTBody();
      keys.forEach(function (k) {
        var row = body.insertRow();
        row.appendChild(text("th", k));
        flat.forEach(function (f) { row.appendChild(text("td", f[k])); });
        var values = flat.map(function (f) { return String(f[k]); });
        if (values.some(function (v) { return v !== values[0]; })) row.className = "dc-differs";
      });
      holder.textContent = "";
      holder.appendChild(text("h2", "Side by side"));
      holder.appendChild(table);
      holder.hidden = false;
    }).catch(function (error) {
      holder.textContent = "";
      holder.appendChild(text("p", "Could not load the data of: " + error.message));
      holder.hidden = false;
    });
  }

  // The colour palette (light and dark), as the theme switches it but without reading computed styles
  // while the page loads: the theme's own palette code forced several full style recalculations of
  // every page. The choice is kept where the theme keeps it (__md_get/__md_set), and the inline script of
  // overrides/partials/javascripts/palette.html applies it, or the system's, before a page's text is read.
  function paletteColor(input) {
    var color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    if (color.media === "(prefers-color-scheme)") {  // "automatic": follows the system's setting
      var light = window.matchMedia("(prefers-color-scheme: light)").matches;
      var like = document.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']");
      if (like) ["scheme", "primary", "accent"].forEach(function (key) {
        color[key] = like.getAttribute("data-md-color-" + key);
      });
    }
    return color;
  }

  function applyPalette(inputs, index, switched) {
    var color = paletteColor(inputs[index]);
    var body = document.body;
    Object.keys(color).forEach(function (key) {
      if (body.getAttribute("data-md-color-" + key) !== color[key]) body.setAttribute("data-md-color-" + key, color[key]);
    });
    inputs[index].checked = true;
    for (var i = 0; i < inputs.length; i++) {
      var label = inputs[i].nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    }
    var scheme = document.querySelector("meta[name=color-scheme]");
    if (!scheme) {
      scheme = document.createElement("meta");
      scheme.name = "color-scheme";
      document.head.appendChild(scheme);
    }
    scheme.content = color.scheme === "slate" ? "dark" : "light";
    if (switched) {  // the reader chose: now the header's colour may be read for the browser's own bar
      var theme = document.querySelector("meta[name=theme-color]");
      if (!theme) {
        theme = document.createElement("meta");
        theme.name = "theme-color";
        document.head.appendChild(theme);
      }
      var header = document.querySelector(".md-header");
      if (header) theme.content = window.getComputedStyle(header).backgroundColor;
    }
    if (typeof window.__md_set === "function") window.__md_set("__palette", {index: index, color: color});
  }

  function palette() {
    var form = document.querySelector("form[data-dc-palette]");
    var inputs = form ? form.querySelectorAll("input") : [];
    if (!inputs.length) return;
    var saved = typeof window.__md_get === "function" ? window.__md_get("__palette") : null;
    var index = saved && typeof saved.index === "number" ? saved.index : -1;
    if (index < 0 || index >= inputs.length) {
      index = Math.max(0, Array.prototype.findIndex.call(inputs, function (input) {
        var media = input.getAttribute("data-md-color-media");
        return media && window.matchMedia(media).matches;
      }));
    }
    applyPalette(inputs, index, false);
    Array.prototype.forEach.call(inputs, function (input, i) {
      input.addEventListener("change", function () { if (input.checked) applyPalette(inputs, i, true); });
    });
    form.addEventListener("keydown", function (event) {  // Enter on a focused option moves to the next, as in the theme
      if (event.key !== "Enter") return;
      event.preventDefault();
      var next = inputs[(Array.prototype.findIndex.call(inputs, function (x) { return x.checked; }) + 1) % inputs.length];
      next.click();
      next.focus();
    });
  }

  // The theme's bundle, held by overrides/main.html, runs at the reader's first action: the page reads and
  // works without it. It mounts on DOMContentLoaded, which has passed by then, so that event is sent again
  // once it has loaded (nothing of ours listens for it after the page has loaded).
  var ACTIONS = ["pointerdown", "keydown", "touchstart", "wheel", "scroll", "focusin"];

  function themeAtFirstAction() {
    var held = document.querySelector("script[data-dc-src]");
    var html = document.documentElement;
    if (!held) {
      html.classList.remove("dc-pending");
      return;
    }
    function load(e) {
      // Not for the search box: a first query then has the page's bytes and main thread to itself, and
      // the bundle comes with the reader's next action elsewhere (search.js handles the box's keys).
      var target = e && e.target instanceof Element ? e.target : null;
      if (target && target.closest("[data-dc-search], label[for=__search]")) return;
      var searchKey = e && e.type === "keydown" && ["/", "s", "f"].indexOf(e.key) !== -1;
      if (searchKey && target && !target.closest("input, textarea, select")) return;
      ACTIONS.forEach(function (name) { window.removeEventListener(name, load, true); });
      var script = document.createElement("script");
      script.src = held.getAttribute("data-dc-src");
      script.onload = mount;
      document.body.appendChild(script);
    }
    // Mounting moves every plain table into the theme's scroll box, and a moved element loses a press
    // begun on it (no click follows) and the keyboard's focus. So the mount waits until no pointer or
    // key is held, then runs after the click that the release makes, and gives the focus back.
    var pressed = false, waiting = false;
    function mount() {
      if (pressed) {
        waiting = true;
        return;
      }
      var focused = document.activeElement;
      document.dispatchEvent(new Event("DOMContentLoaded"));
      if (focused && focused !== document.body && focused.isConnected && document.activeElement !== focused) {
        focused.focus({preventScroll: true});
      }
      html.classList.remove("dc-pending");
    }
    function release() {
      pressed = false;
      if (waiting) window.setTimeout(mount, 0);
      waiting = false;
    }
    ["pointerdown", "keydown"].forEach(function (name) {
      window.addEventListener(name, function () { pressed = true; }, true);
    });
    ["pointerup", "pointercancel", "keyup", "blur"].forEach(function (name) {
      window.addEventListener(name, release, true);
    });
    ACTIONS.forEach(function (name) { window.addEventListener(name, load, {capture: true, passive: true}); });
  }

  function start() {
    themeAtFirstAction();
    palette();
    // The theme's search dialog has no accessible name.
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    eachWhenIdle(document.querySelectorAll("table[data-sortable]"), makeSortable);
    eachWhenIdle(document.querySelectorAll("p.dc-filter"), makeFilterable);
    var form = document.querySelector("form.dc-compare-form");
    if (form) {
      var params = new URLSearchParams(window.location.search);
      var ids = [];
      params.getAll("c").forEach(function (v) { ids = ids.concat(v.split(",")); });
      ids = ids.map(function (id) { return id.trim(); }).filter(Boolean);
      var listed = [];
      form.querySelectorAll("input[type=checkbox][name=c]").forEach(function (box) {
        box.checked = ids.indexOf(box.value) !== -1;
        listed.push(box.value);
      });
      // Companies chosen on other pages of the list stay chosen: their ids wait in the text box.
      var typed = form.querySelector("input.dc-compare-ids");
      if (typed) typed.value = ids.filter(function (id) { return listed.indexOf(id) === -1; }).join(", ");
      sideBySide("../", ids);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
