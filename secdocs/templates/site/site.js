/* secdocs review site: search, filters and views in plain JavaScript (no framework, no server). */
(function () {
  "use strict";
  var root = window.SECDOCS_ROOT || "";
  var index = window.SECDOCS_SEARCH || [];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /* Search: every word of the query must occur in a provision's text or its citation. */
  var input = document.getElementById("search");
  var results = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  function search() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    results.innerHTML = "";
    if (!words.length) { results.hidden = true; count.textContent = ""; return; }
    var hits = index.filter(function (item) {
      var hay = (item.c + " " + item.t).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) !== -1; });
    });
    count.textContent = hits.length + (hits.length === 1 ? " provision" : " provisions");
    hits.slice(0, 100).forEach(function (item) {
      var li = el("li", "hit");
      var a = el("a", "where", item.d + " " + item.c);
      a.href = root + item.u;
      li.appendChild(a);
      li.appendChild(el("div", "snippet", item.t.length > 220 ? item.t.slice(0, 219) + "\u2026" : item.t));
      results.appendChild(li);
    });
    results.hidden = false;
  }
  if (input) { input.addEventListener("input", search); }

  /* Filters: by modification and by document, over the change list. */
  var byMod = document.getElementById("filter-mod");
  var byDoc = document.getElementById("filter-doc");
  var shown = document.getElementById("filter-count");
  function filter() {
    var mod = byMod ? byMod.value : "";
    var doc = byDoc ? byDoc.value : "";
    var n = 0;
    document.querySelectorAll("#changes tbody tr").forEach(function (tr) {
      var mods = (tr.getAttribute("data-mods") || "").split(" ");
      var ok = (!mod || mods.indexOf(mod) !== -1) && (!doc || tr.getAttribute("data-doc") === doc);
      tr.classList.toggle("hidden", !ok);
      if (ok) { n += 1; }
    });
    document.querySelectorAll("#documents tbody tr").forEach(function (tr) {
      var mods = (tr.getAttribute("data-mods") || "").split(" ");
      var ok = (!mod || mods.indexOf(mod) !== -1) && (!doc || tr.getAttribute("data-doc") === doc);
      tr.classList.toggle("hidden", !ok);
    });
    document.querySelectorAll("ins[data-mod], del[data-mod]").forEach(function (m) {
      m.classList.toggle("dim", !!mod && m.getAttribute("data-mod") !== mod);
    });
    if (shown) { shown.textContent = n + (n === 1 ? " change" : " changes"); }
  }
  if (byMod) { byMod.addEventListener("change", filter); }
  if (byDoc) { byDoc.addEventListener("change", filter); }

  /* Views: inline marks, or the text before and after side by side. */
  function view(name) {
    document.body.classList.toggle("view-sbs", name === "sbs");
    document.body.classList.toggle("view-inline", name !== "sbs");
    ["inline", "sbs"].forEach(function (v) {
      var b = document.getElementById("view-" + v);
      if (b) { b.setAttribute("aria-pressed", String(v === name)); }
    });
  }
  ["inline", "sbs"].forEach(function (v) {
    var b = document.getElementById("view-" + v);
    if (b) { b.addEventListener("click", function () { view(v); }); }
  });
}());
