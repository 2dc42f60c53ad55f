/* Gradient: the /systems/ table, sortable and filterable, with its state in the URL query
   (?q=llama&level=api&modality=image&sort=-announced) so that a filtered view can be linked and cited.
   Without this script the page is a complete table; with it, the filters and the count appear,
   the column headers become sort buttons and a first column of checkboxes feeds "Compare selected".
   No dependencies; the DOM is only ever built with textContent. */
(function () {
  "use strict";

  var root = document.querySelector("[data-gr-systems]");
  if (!root) return;
  var table = root.querySelector("#systems-table");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var form = root.querySelector("#systems-filters");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var searchBox = form.querySelector("#filter-q");
  var count = root.querySelector("#systems-count");
  var empty = root.querySelector("#systems-empty");
  var compareButton = root.querySelector("#compare-selected");
  var sortSelect = form.querySelector("#systems-sort");
  var compareUrl = root.getAttribute("data-compare-url");
  var maxCompared = parseInt(root.getAttribute("data-max-compared"), 10) || 4;
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var sortable = headers.filter(function (th) { return th.hasAttribute("data-sort"); });
  var sort = { key: "", descending: false };

  rows.forEach(function (row, position) { row.setAttribute("data-position", String(position)); });

  /* --- sorting ------------------------------------------------------------------------------- */

  function columnOf(key) {
    return headers.findIndex(function (th) { return th.getAttribute("data-sort") === key; });
  }

  function sortValue(row, column, numeric) {
    var cell = row.cells[column];
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    return numeric ? Number(raw) : raw;
  }

  function applySort() {
    var column = sort.key ? columnOf(sort.key) : -1;
    var numeric = column >= 0 && headers[column].getAttribute("data-sort-type") === "number";
    var ordered = rows.slice().sort(function (a, b) {
      var order = 0;
      if (column >= 0) {
        var x = sortValue(a, column, numeric);
        var y = sortValue(b, column, numeric);
        order = numeric ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: "base" });
        if (sort.descending) order = -order;
      }
      return order || Number(a.getAttribute("data-position")) - Number(b.getAttribute("data-position"));
    });
    ordered.forEach(function (row) { tbody.appendChild(row); });
    var chosen = sort.key ? (sort.descending ? "-" : "") + sort.key : "";
    var listed = Array.prototype.some.call(sortSelect.options, function (option) { return option.value === chosen; });
    sortSelect.value = listed ? chosen : "";
    sortable.forEach(function (th) {
      if (th.getAttribute("data-sort") === sort.key) {
        th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  sortable.forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gr-sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      sort = { key: key, descending: sort.key === key ? !sort.descending : false };
      applySort();
      writeUrl();
    });
  });

  /* On a phone the column headers are hidden (a card per system): the "Sort by" list sorts instead. */
  sortSelect.addEventListener("change", function () {
    var value = sortSelect.value;
    sort = { key: value.replace(/^-/, ""), descending: value.charAt(0) === "-" };
    applySort();
    writeUrl();
  });

  /* --- filtering ----------------------------------------------------------------------------- */

  function words() {
    return searchBox.value.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function rowMatches(row) {
    var text = row.getAttribute("data-search") || "";
    var named = words().every(function (word) { return text.indexOf(word) !== -1; });
    return named && selects.every(function (select) {
      if (!select.value) return true;
      var values = (row.getAttribute("data-filter-" + select.getAttribute("data-filter")) || "").split(" ");
      return values.indexOf(select.value) !== -1;
    });
  }

  function applyFilters() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = rowMatches(row);
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = shown === rows.length
      ? "Showing all " + rows.length + " systems"
      : "Showing " + shown + " of " + rows.length + " systems";
    empty.hidden = shown !== 0;
  }

  selects.forEach(function (select) {
    select.addEventListener("change", function () {
      applyFilters();
      writeUrl();
    });
  });
  searchBox.addEventListener("input", function () {
    applyFilters();
    writeUrl();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    /* the reset event fires before the form's controls are reset */
    window.setTimeout(function () {
      applyFilters();
      writeUrl();
    }, 0);
  });

  /* --- the URL query ------------------------------------------------------------------------- */

  function readUrl() {
    var query = new URLSearchParams(window.location.search);
    searchBox.value = query.get("q") || "";
    selects.forEach(function (select) {
      var wanted = query.get(select.getAttribute("data-filter")) || "";
      var known = Array.prototype.some.call(select.options, function (option) { return option.value === wanted; });
      select.value = known ? wanted : "";
    });
    var requested = query.get("sort") || "";
    var key = requested.replace(/^-/, "");
    sort = key && columnOf(key) >= 0
      ? { key: key, descending: requested.charAt(0) === "-" }
      : { key: "", descending: false };
  }

  function writeUrl() {
    var query = new URLSearchParams();
    if (searchBox.value.trim()) query.set("q", searchBox.value.trim());
    selects.forEach(function (select) {
      if (select.value) query.set(select.getAttribute("data-filter"), select.value);
    });
    if (sort.key) query.set("sort", (sort.descending ? "-" : "") + sort.key);
    var encoded = query.toString();
    window.history.replaceState(null, "", window.location.pathname + (encoded ? "?" + encoded : "") + window.location.hash);
  }

  /* --- compare selected ---------------------------------------------------------------------- */

  var compareHead = document.createElement("th");
  compareHead.scope = "col";
  compareHead.className = "gr-select-col";
  compareHead.textContent = "Compare";
  table.tHead.rows[0].insertBefore(compareHead, headers[0]);

  var boxes = rows.map(function (row) {
    var cell = document.createElement("td");
    cell.className = "gr-select-col";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.value = row.getAttribute("data-id");
    box.setAttribute("aria-label", "Compare " + row.cells[0].textContent.trim());
    box.addEventListener("change", updateCompare);
    cell.appendChild(box);
    row.insertBefore(cell, row.cells[0]);
    return box;
  });
  /* the checkbox column is now column 0: header indexes shift by one */
  headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function updateCompare() {
    var chosen = boxes.filter(function (box) { return box.checked; });
    boxes.forEach(function (box) { box.disabled = !box.checked && chosen.length >= maxCompared; });
    compareButton.disabled = chosen.length < 2;
    compareButton.textContent = chosen.length ? "Compare selected (" + chosen.length + ")" : "Compare selected";
  }

  compareButton.addEventListener("click", function () {
    var ids = boxes.filter(function (box) { return box.checked; }).map(function (box) {
      return encodeURIComponent(box.value);
    });
    if (ids.length >= 2) window.location.href = compareUrl + "?systems=" + ids.join(",");
  });

  /* --- download what you see ---------------------------------------------------------------- */
  /* The visible rows, in their current order, with the columns shown (each cell's text, and the id and
     address of the system), as CSV or JSON, each with a metadata file that says what the file is. */

  function visibleColumns() {
    /* A column is shown when its cells are (on a phone the minor columns are hidden with the header row). */
    var sample = Array.prototype.slice.call(tbody.rows).filter(function (row) { return !row.hidden; })[0];
    return headers.filter(function (th, index) {
      if (th.classList.contains("gr-select-col")) return false;
      var cell = sample && sample.cells[index];
      return !cell || window.getComputedStyle(cell).display !== "none";
    });
  }

  function shownRows() {
    return window.GradientDownload.records(table, visibleColumns());
  }

  function saveShown(format) {
    var shown = shownRows();
    var title = "Gradient: systems, as shown";
    var version = root.getAttribute("data-version");
    var d = window.GradientDownload;
    if (format === "csv") {
      d.save("gradient-systems.csv", "text/csv", d.csvText(shown));
      d.save("gradient-systems.csv.json", "application/json", d.metadata(title, version, "csv", shown));
    } else {
      d.save("gradient-systems.json", "application/json", JSON.stringify(shown.rows, null, 2) + "\n");
      d.save("gradient-systems.json.meta.json", "application/json", d.metadata(title, version, "json", shown));
    }
  }

  root.querySelector("#download-csv").addEventListener("click", function () { saveShown("csv"); });
  root.querySelector("#download-json").addEventListener("click", function () { saveShown("json"); });

  /* --- start --------------------------------------------------------------------------------- */

  readUrl();
  applyFilters();
  applySort();
  updateCompare();
  form.hidden = false;
  root.querySelector("#systems-tools").hidden = false;
})();
