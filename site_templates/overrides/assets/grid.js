/* /systems/grid/: narrow the rows by level, modality and organization (the same row attributes as the
   systems table). Without this script every row is shown. */
(function () {
  "use strict";
  var form = document.getElementById("grid-filters");
  var table = document.getElementById("grid");
  if (!form || !table) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var empty = document.getElementById("grid-empty");
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var match = selects.every(function (select) {
        var values = (row.getAttribute("data-filter-" + select.getAttribute("data-filter")) || "").split(" ");
        return !select.value || values.indexOf(select.value) !== -1;
      });
      row.hidden = !match;
      if (match) shown += 1;
    });
    empty.hidden = shown !== 0;
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.hidden = false;
})();
