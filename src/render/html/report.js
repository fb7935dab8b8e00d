// quotetrail report: the "any two versions side by side" picker.
// The page reads without this script (the server, or the report itself,
// renders one pair); with it, choosing two versions shows them at once.
// Text is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";
  function words(group, n) {
    var el = document.getElementById(group + "-v" + n);
    var q = el && el.querySelector("blockquote.words");
    return q ? q.textContent.trim().split(/\s+/).filter(Boolean) : [];
  }
  function key(w) {
    return w.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }
  // Longest common subsequence over word keys; long texts are cut so the
  // table stays small.
  function diff(a, b) {
    a = a.slice(0, 400); b = b.slice(0, 400);
    var n = a.length, m = b.length, i, j, t = [];
    for (i = 0; i <= n; i++) { t.push(new Uint16Array(m + 1)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        t[i][j] = key(a[i]) === key(b[j]) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
      }
    }
    var left = [], right = [];
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && key(a[i]) === key(b[j])) { left.push([a[i], 0]); right.push([b[j], 0]); i++; j++; }
      else if (j < m && (i >= n || t[i][j + 1] >= t[i + 1][j])) { right.push([b[j], 1]); j++; }
      else { left.push([a[i], 1]); i++; }
    }
    return [left, right];
  }
  function column(title, items, tag) {
    var col = document.createElement("div"); col.className = "col";
    var h = document.createElement("h4"); h.textContent = title; col.appendChild(h);
    var p = document.createElement("p");
    items.forEach(function (it) {
      var node = it[1] ? document.createElement(tag) : document.createElement("span");
      node.textContent = it[0];
      p.appendChild(node); p.appendChild(document.createTextNode(" "));
    });
    col.appendChild(p);
    return col;
  }
  document.querySelectorAll("form.picker").forEach(function (form) {
    var group = form.getAttribute("data-group");
    var out = form.parentNode.querySelector(".pair-out");
    function show(ev) {
      if (ev) { ev.preventDefault(); }
      var sa = form.elements.a, sb = form.elements.b;
      var d = diff(words(group, sa.value), words(group, sb.value));
      var cols = document.createElement("div"); cols.className = "cols";
      cols.appendChild(column(sa.options[sa.selectedIndex].text, d[0], "del"));
      cols.appendChild(column(sb.options[sb.selectedIndex].text, d[1], "ins"));
      var note = document.createElement("p"); note.className = "note";
      note.textContent = "Words only in the left version are struck through; words only in the right one are underlined.";
      out.replaceChildren(cols, note);
    }
    form.addEventListener("submit", show);
    form.elements.a.addEventListener("change", show);
    form.elements.b.addEventListener("change", show);
  });
})();
