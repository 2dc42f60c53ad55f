// 404 page: suggest up to five systems whose id or name is closest to the last part of the missing address.
(function () {
  "use strict";
  var list = document.getElementById("gr-suggestions");
  if (!list || !window.fetch) return;
  var norm = function (text) { return String(text).toLowerCase().replace(/[^a-z0-9]+/g, ""); };
  var path = location.pathname;
  try { path = decodeURIComponent(path); } catch { /* a stray % escape: match on the raw text */ }
  var parts = path.split("/").filter(Boolean);
  if (parts.length && /^(index\.html|card)$/.test(parts[parts.length - 1])) parts.pop();
  var wanted = norm(parts.length ? parts[parts.length - 1] : "");
  if (!wanted) return;
  var grams = function (text) {
    var out = {};
    var padded = " " + text + " ";
    for (var i = 0; i < padded.length - 1; i++) out[padded.slice(i, i + 2)] = true;
    return out;
  };
  var similarity = function (a, b) {
    var ga = grams(a), gb = grams(b), shared = 0, total = 0, key;
    for (key in ga) { total++; if (gb[key]) shared++; }
    for (key in gb) { if (!ga[key]) total++; }
    var score = total ? shared / total : 0;
    if (b.indexOf(a) >= 0 || a.indexOf(b) >= 0) score += 0.5;
    return score;
  };
  fetch(list.getAttribute("data-names")).then(function (r) { return r.json(); }).then(function (names) {
    var scored = names.map(function (s) {
      var keys = [s.id, s.name].concat(s.aliases || []).map(norm);
      return { s: s, score: Math.max.apply(null, keys.map(function (k) { return similarity(wanted, k); })) };
    }).filter(function (x) { return x.score > 0.3; });
    scored.sort(function (x, y) { return y.score - x.score || (x.s.name < y.s.name ? -1 : 1); });
    if (!scored.length) return;  // say nothing rather than announce an empty list
    scored.slice(0, 5).forEach(function (x) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = list.getAttribute("data-systems") + encodeURIComponent(x.s.id) + "/";
      link.textContent = x.s.name;
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = false;
    document.getElementById("gr-suggestions-intro").hidden = false;
  }).catch(function () { /* suggestions are a convenience; the links below still work */ });
})();
