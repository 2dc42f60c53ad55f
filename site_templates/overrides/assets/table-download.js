/* Gradient: "download what you see" for tables of systems. Every table marked `data-download` gets two
   buttons under it that save its rows, in the order shown, with the columns shown (each cell's text, plus
   the system's id and address), as CSV or JSON, each with a metadata file saying what the file is (title,
   source address, licence, data version, columns). The /systems/ table (systems-table.js) uses the same
   functions through window.GradientDownload. Without JavaScript there are no buttons: the table and the
   site's open exports (/data/) remain. No dependencies; the DOM is only ever built with textContent. */
(function () {
  "use strict";

  function csvCell(value) {
    var text = String(value);
    if (/^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(text)) text = "'" + text;  // never a formula
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function csvText(table) {
    var lines = [table.names.map(csvCell).join(",")].concat(table.rows.map(function (record) {
      return table.names.map(function (name) { return csvCell(record[name]); }).join(",");
    }));
    return lines.join("\n") + "\n";
  }

  function save(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function metadata(title, version, format, table) {
    return JSON.stringify({
      title: title,
      source: window.location.href,
      licence: "CC-BY-4.0",
      version: version,
      format: format,
      rows: table.rows.length,
      columns: table.names
    }, null, 2) + "\n";
  }

  /* The shown rows of `element` as {names, rows}: `headers` the column headers to keep, in order. */
  function records(element, headers) {
    var all = Array.prototype.slice.call(element.tHead.rows[0].cells);
    var indexes = headers.map(function (th) { return all.indexOf(th); });
    var names = headers.map(function (th) { return th.textContent.trim(); });
    var rows = Array.prototype.slice.call(element.tBodies[0].rows).filter(function (row) { return !row.hidden; });
    return {
      names: ["id", "url"].concat(names),
      rows: rows.map(function (row) {
        var link = row.querySelector("a[href]");
        var record = { id: row.getAttribute("data-id"), url: link ? link.href : "" };
        indexes.forEach(function (index, i) { record[names[i]] = row.cells[index].textContent.trim(); });
        return record;
      })
    };
  }

  function download(table, title, version, name, format) {
    if (format === "csv") {
      save(name + ".csv", "text/csv", csvText(table));
      save(name + ".csv.json", "application/json", metadata(title, version, "csv", table));
    } else {
      save(name + ".json", "application/json", JSON.stringify(table.rows, null, 2) + "\n");
      save(name + ".json.meta.json", "application/json", metadata(title, version, "json", table));
    }
  }

  function button(label, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button gr-button";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function attach(element) {
    var title = "Gradient: " + element.getAttribute("data-download");
    var name = element.getAttribute("data-download-name");
    var version = element.getAttribute("data-version");
    var headers = Array.prototype.slice.call(element.tHead.rows[0].cells);
    var bar = document.createElement("p");
    bar.className = "gr-download-view";
    bar.appendChild(document.createTextNode("Download these rows: "));
    ["csv", "json"].forEach(function (format, i) {
      if (i) bar.appendChild(document.createTextNode(" "));
      bar.appendChild(button(format.toUpperCase(), function () {
        download(records(element, headers), title, version, name, format);
      }));
    });
    var wrap = element.closest(".gr-table-wrap") || element;
    wrap.parentNode.insertBefore(bar, wrap.nextSibling);
  }

  window.GradientDownload = { csvText: csvText, save: save, metadata: metadata, records: records };
  Array.prototype.forEach.call(document.querySelectorAll("table[data-download]"), attach);
})();
