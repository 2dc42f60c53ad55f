/* Timeline: narrow the trajectory chart to one kind of organization or one output modality. Without this
   script every trajectory is drawn; the filters appear only when it runs. */
(function () {
  "use strict";
  var form = document.getElementById("trajectory-filters");
  var chart = document.querySelector("svg.gr-trajectory");
  if (!form || !chart) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-attribute]"));
  var lines = Array.prototype.slice.call(chart.querySelectorAll("a[data-kind]"));
  function apply() {
    lines.forEach(function (line) {
      var shown = selects.every(function (select) {
        var wanted = select.value;
        var values = (line.getAttribute("data-" + select.getAttribute("data-attribute")) || "").split(" ");
        return !wanted || values.indexOf(wanted) !== -1;
      });
      line.style.display = shown ? "" : "none";
    });
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.hidden = false;
})();
