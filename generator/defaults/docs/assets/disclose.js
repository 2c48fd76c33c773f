// Sortable and filterable tables, and the side-by-side comparison.
// Values from disclosures are only ever set as text (textContent), never as HTML.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort") !== null ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (!isNaN(x) && !isNaN(y) && String(x) === a && String(y) === b) return x - y;
    return a.localeCompare(b, undefined, {numeric: true, sensitivity: "base"});
  }

  function makeSortable(table) {
    var head = table.tHead;
    if (!head || !table.tBodies[0]) return;
    Array.prototype.forEach.call(head.rows[0].cells, function (th, index) {
      if (th.textContent.trim() === "Select") return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dc-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.rows[0].cells, function (other) {
          if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilterable(box) {
    // The theme may have wrapped the table in a scrolling box.
    var next = box.nextElementSibling;
    var table = next && (next.tagName === "TABLE" ? next : next.querySelector("table"));
    if (!table) return;
    var input = box.querySelector("input");
    box.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
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

  function start() {
    // The theme's search dialog has no accessible name.
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
    document.querySelectorAll("p.dc-filter").forEach(makeFilterable);
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
