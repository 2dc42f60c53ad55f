/* Gradient: /compare/?systems=a,b — up to four systems side by side, field by field.
   Each system's facts come from its machine-readable twin /systems/<id>.json; vocabulary ids are
   turned into labels with the table embedded in the page (#compare-labels). Rows whose values differ
   get the class gr-differs and a visible "Differs" marker (never colour alone). The picker adds and
   removes systems and keeps the selection in the URL. Data only ever reaches the page through
   textContent, never innerHTML. No dependencies. */
(function () {
  "use strict";

  var root = document.querySelector("[data-gr-compare]");
  if (!root) return;
  var base = root.getAttribute("data-base") || "";
  var maxCompared = parseInt(root.getAttribute("data-max-compared"), 10) || 4;
  var labels = readLabels(JSON.parse(document.getElementById("compare-labels").textContent));
  var app = root.querySelector("#compare-app");
  var picker = root.querySelector("#compare-picker");
  var select = root.querySelector("#compare-add");
  var addButton = root.querySelector("#compare-add-button");
  var onlyDiff = root.querySelector("#compare-only-diff");
  var status = root.querySelector("#compare-status");
  var result = root.querySelector("#compare-result");
  var known = {};
  Array.prototype.forEach.call(select.options, function (option) {
    if (option.value) known[option.value] = option.textContent;
  });
  var records = {};
  var chosen = [];
  var baseTitle = document.title;

  /* --- labels -------------------------------------------------------------------------------- */

  /* {name: {terms: [[id, label, group]], groups: [[id, label]]}} -> {name: {order, terms, groups, termGroups}} */
  function readLabels(raw) {
    var vocabularies = {};
    Object.keys(raw).forEach(function (name) {
      var vocabulary = { order: [], terms: {}, groups: {}, termGroups: {} };
      raw[name].terms.forEach(function (term) {
        vocabulary.order.push(term[0]);
        vocabulary.terms[term[0]] = term[1];
        if (term[2]) vocabulary.termGroups[term[0]] = term[2];
      });
      raw[name].groups.forEach(function (group) { vocabulary.groups[group[0]] = group[1]; });
      vocabularies[name] = vocabulary;
    });
    return vocabularies;
  }

  function label(vocabulary, id) {
    if (id === null || id === undefined || id === "") return "Not recorded";
    var terms = (labels[vocabulary] || {}).terms || {};
    if (Object.prototype.hasOwnProperty.call(terms, id)) return terms[id];
    var states = labels["data-states"].terms;
    if (Object.prototype.hasOwnProperty.call(states, id)) return states[id];
    return String(id);
  }

  function labelList(vocabulary, ids) {
    return ids && ids.length ? ids.map(function (id) { return label(vocabulary, id); }).join(", ") : "None";
  }

  function licence(expression) {
    return expression ? label("licences", expression) : "";
  }

  function termIds(vocabulary) {
    return labels[vocabulary].order;
  }

  function formatCount(count) {
    var sizes = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (var i = 0; i < sizes.length; i += 1) {
      if (count >= sizes[i][0]) return String(Number((count / sizes[i][0]).toPrecision(3))) + sizes[i][1];
    }
    return String(count);
  }

  function parameters(value) {
    if (value === null || value === undefined) return "Not recorded";
    if (typeof value === "object") return value.count ? formatCount(value.count) : label("data-states", value.state);
    return label("data-states", value);
  }

  /* --- the fields, section by section: each row is [label, function(record) -> list of lines] ---- */

  /* Rows that say which systems these are: they nearly always differ, so marking them would only hide the
     differences that matter (levels, components, access). */
  var IDENTITY = "identity";

  function overview() {
    return [
      ["Developers", function (r) { return [r.developers.map(function (o) { return o.name; }).join(", ")]; }, "", IDENTITY],
      ["Announced", function (r) { return [label("data-states", r.announced)]; }, "", IDENTITY],
      ["Input modalities", function (r) { return [labelList("modalities", r.modalities.input)]; }],
      ["Output modalities", function (r) { return [labelList("modalities", r.modalities.output)]; }],
      ["Parameters", function (r) { return [parameters(r.parameters)]; }],
      ["Level now", function (r) { return [label("levels", r.derived.level_now)]; }],
      ["Level at announcement", function (r) { return [label("levels", r.derived.level_at_announcement)]; }],
      ["Gating now", function (r) { return [label("gating", r.derived.gating_now)]; }],
      ["Pricing now", function (r) { return [label("pricing", r.derived.pricing_now)]; }],
      ["Open interfaces", function (r) { return [labelList("channels", r.derived.interfaces)]; }],
      ["Licence", function (r) { return [licence(r.derived.licence)]; }],
      ["Guardrails in place", function (r) { return [String(r.derived.guardrails_in_place)]; }]
    ];
  }

  function levelHistory() {
    var fields = [["Events", function (r) {
      return r.placements.map(function (p) {
        return p.date + " · " + label("event-types", p.event) + " → " + label("levels", p.level) +
          " (" + label("channels", p.channel) + ")";
      });
    }]];
    termIds("levels").forEach(function (level) {
      fields.push(["First at " + label("levels", level), function (r) {
        var first = r.placements.find(function (p) { return p.level === level; });
        return [first ? first.date : "Never"];
      }]);
    });
    return fields;
  }

  function components() {
    return termIds("components").map(function (type) {
      return [label("components", type), function (r) {
        var component = r.components[type];
        if (!component) return ["Not recorded"];
        var text = label("component-statuses", component.status);
        if (component.license) text += " · " + licence(component.license);
        return [text];
      }];
    });
  }

  function access() {
    var vocabulary = labels["access-variables"];
    return termIds("access-variables").map(function (variable) {
      var group = vocabulary.groups[vocabulary.termGroups[variable]];
      return [label("access-variables", variable), function (r) {
        var value = r.access[variable];
        if (value && typeof value === "object") return [value.value];
        return [label("data-states", value)];
      }, group];
    });
  }

  function guardrails(shown) {
    var present = {};
    shown.forEach(function (r) { r.guardrails.forEach(function (g) { present[g.type] = true; }); });
    return termIds("guardrails").filter(function (type) { return present[type]; }).map(function (type) {
      return [label("guardrails", type), function (r) {
        var lines = r.guardrails.filter(function (g) { return g.type === type; }).map(function (g) {
          var text = label("guardrail-statuses", g.status);
          if (g.channels.length) text += " (" + labelList("channels", g.channels) + ")";
          if (g.since || g.until) text += ", " + (g.since || "…") + " – " + (g.until || "");
          return text;
        });
        return lines.length ? lines : ["None recorded"];
      }];
    });
  }

  /* --- drawing ------------------------------------------------------------------------------- */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function systemHeader(record, removable) {
    var th = element("th");
    th.scope = "col";
    var link = element("a", "", record.name);
    link.href = base + "systems/" + encodeURIComponent(record.id) + "/";
    th.appendChild(link);
    if (!removable) return th;
    var remove = element("button", "gr-compare-remove", "Remove");
    remove.type = "button";
    remove.setAttribute("aria-label", "Remove " + record.name + " from the comparison");
    remove.addEventListener("click", function () {
      chosen = chosen.filter(function (id) { return id !== record.id; });
      update();
      select.focus();
    });
    th.appendChild(remove);
    return th;
  }

  function section(id, title, fields, shown, removable) {
    var wrap = element("section", "gr-compare-section");
    var heading = element("h2", "", title);
    heading.id = "compare-" + id;
    wrap.appendChild(heading);
    var scroll = element("div", "gr-table-wrap");
    var table = element("table", "gr-table gr-compare-table");
    table.setAttribute("aria-labelledby", heading.id);
    var head = table.createTHead().insertRow();
    var corner = element("th", "", "Field");
    corner.scope = "col";
    head.appendChild(corner);
    shown.forEach(function (record) { head.appendChild(systemHeader(record, removable)); });
    var body = table.createTBody();
    var differing = 0;
    fields.forEach(function (field) {
      var values = shown.map(function (record) { return field[1](record); });
      var keys = values.map(function (lines) { return lines.join("\n"); });
      var differs = field[3] !== IDENTITY && keys.some(function (key) { return key !== keys[0]; });
      var row = body.insertRow();
      var name = element("th");
      name.scope = "row";
      if (field[2]) name.appendChild(element("span", "gr-compare-group", field[2]));
      name.appendChild(element("span", "gr-compare-field", field[0]));
      if (differs) {
        row.className = "gr-differs";
        name.appendChild(element("span", "gr-differs-mark", "Differs"));
        differing += 1;
      }
      row.appendChild(name);
      values.forEach(function (lines) {
        var cell = row.insertCell();
        if (lines.length === 1) {
          cell.textContent = lines[0];
        } else {
          var list = element("ul", "gr-compare-lines");
          lines.forEach(function (line) { list.appendChild(element("li", "", line)); });
          cell.appendChild(list);
        }
      });
    });
    wrap.setAttribute("data-differing", String(differing));
    scroll.appendChild(table);
    wrap.appendChild(scroll);
    return wrap;
  }

  /* Each system's level history as a strip, all on one time axis (first placement of any shown system to
     today): one segment per placement, coloured and named by its level. */
  function toDay(iso) {
    var parts = String(iso).split("-").map(Number);
    return Date.UTC(parts[0], (parts[1] || 1) - 1, parts[2] || 1);
  }

  function strips(shown) {
    var wrap = element("section", "gr-compare-section gr-strips");
    wrap.setAttribute("aria-labelledby", "compare-strips");
    var heading = element("h2", "", "Level history, aligned in time");
    heading.id = "compare-strips";
    wrap.appendChild(heading);
    var starts = [];
    shown.forEach(function (r) { r.placements.forEach(function (p) { starts.push(toDay(p.date)); }); });
    var first = Math.min.apply(null, starts);
    var now = Date.now();
    var span = Math.max(now - first, 1);
    shown.forEach(function (record) {
      var row = element("div", "gr-strip");
      row.appendChild(element("span", "gr-strip__name", record.name));
      var bar = element("span", "gr-strip__bar");
      record.placements.forEach(function (p, i) {
        var start = toDay(p.date);
        var end = i + 1 < record.placements.length ? toDay(record.placements[i + 1].date) : now;
        var piece = element("span", "gr-strip__step gr-level--" + p.level);
        piece.style.left = (100 * (start - first) / span) + "%";
        piece.style.width = Math.max(0.6, 100 * (end - start) / span) + "%";
        piece.title = p.date + ": " + label("levels", p.level);
        piece.appendChild(element("span", "gr-visually-hidden", p.date + ": " + label("levels", p.level) + ". "));
        bar.appendChild(piece);
      });
      row.appendChild(bar);
      wrap.appendChild(row);
    });
    var axis = element("div", "gr-strip gr-strip--axis");
    axis.appendChild(element("span", "gr-strip__name", ""));
    var scale = element("span", "gr-strip__bar");
    scale.appendChild(element("span", "gr-strip__from", new Date(first).getUTCFullYear().toString()));
    scale.appendChild(element("span", "gr-strip__to", "today"));
    axis.appendChild(scale);
    wrap.appendChild(axis);
    return wrap;
  }

  function draw() {
    var shown = chosen.filter(function (id) { return records[id]; }).map(function (id) { return records[id]; });
    result.textContent = "";
    if (!shown.length) return;
    result.appendChild(strips(shown));
    result.appendChild(section("overview", "Overview", overview(), shown, true));
    result.appendChild(section("levels", "Level history", levelHistory(), shown));
    result.appendChild(section("components", "Components", components(), shown));
    result.appendChild(section("access", "Access", access(), shown));
    var guarded = guardrails(shown);
    if (guarded.length) result.appendChild(section("guardrails", "Guardrails", guarded, shown));
  }

  /* --- state: the URL, the picker and the fetched records ------------------------------------ */

  function readUrl() {
    var wanted = (new URLSearchParams(window.location.search).get("systems") || "").split(",");
    var unknown = [];
    chosen = [];
    wanted.forEach(function (raw) {
      var id = raw.trim();
      if (!id || chosen.indexOf(id) !== -1) return;
      if (!Object.prototype.hasOwnProperty.call(known, id)) unknown.push(id);
      else if (chosen.length < maxCompared) chosen.push(id);
    });
    return unknown;
  }

  function writeUrl() {
    var search = chosen.length ? "?systems=" + chosen.map(encodeURIComponent).join(",") : "";
    window.history.replaceState(null, "", window.location.pathname + search + window.location.hash);
  }

  function updatePicker() {
    Array.prototype.forEach.call(select.options, function (option) {
      option.disabled = option.value !== "" && chosen.indexOf(option.value) !== -1;
    });
    var full = chosen.length >= maxCompared;
    select.disabled = full;
    addButton.disabled = full;
  }

  function fetchRecord(id) {
    if (records[id]) return Promise.resolve(records[id]);
    return fetch(base + "systems/" + encodeURIComponent(id) + ".json").then(function (response) {
      if (!response.ok) throw new Error(known[id] + ": HTTP " + response.status);
      return response.json();
    }).then(function (record) {
      records[id] = record;
      return record;
    });
  }

  function describe(problems) {
    var names = chosen.map(function (id) { return known[id]; });
    var text = names.length
      ? "Comparing " + names.join(", ") + "."
      : "No systems chosen yet: add some with the picker, or open one of the examples below.";
    if (chosen.length === 1) text += " Add another system to see differences.";
    if (chosen.length >= maxCompared) text += " At most " + maxCompared + " systems fit side by side.";
    status.textContent = problems.length ? text + " " + problems.join(" ") : text;
    document.title = names.length ? "Compare " + names.join(", ") + " - " + baseTitle : baseTitle;
  }

  function update(problems) {
    writeUrl();
    updatePicker();
    var failures = (problems || []).slice();
    Promise.all(chosen.map(function (id) {
      return fetchRecord(id).catch(function (error) { failures.push("Could not load " + error.message + "."); });
    })).then(function () {
      draw();
      applyOnlyDiff();
      describe(failures);
    });
  }

  function applyOnlyDiff() {
    result.classList.toggle("gr-compare--only-diff", onlyDiff.checked);
  }

  picker.addEventListener("submit", function (event) {
    event.preventDefault();
    var id = select.value;
    if (!id || chosen.indexOf(id) !== -1 || chosen.length >= maxCompared) return;
    chosen.push(id);
    select.value = "";
    update();
  });
  onlyDiff.addEventListener("change", applyOnlyDiff);

  var unknown = readUrl();
  app.hidden = false;
  update(unknown.length ? ["Unknown system id: " + unknown.join(", ") + "."] : []);
})();
