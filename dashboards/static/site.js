// Sortable tables (click a header with data-sort) and row filters (select[data-filter]).
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th[data-sort]").forEach(function (th, index) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var numeric = th.dataset.sort === "number";
      var ascending = th.dataset.dir !== "asc";
      th.dataset.dir = ascending ? "asc" : "desc";
      rows.sort(function (a, b) {
        var x = a.cells[index].dataset.value || a.cells[index].textContent;
        var y = b.cells[index].dataset.value || b.cells[index].textContent;
        if (numeric) { x = parseFloat(x) || 0; y = parseFloat(y) || 0; return ascending ? x - y : y - x; }
        return ascending ? x.localeCompare(y) : y.localeCompare(x);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
document.querySelectorAll("select[data-filter]").forEach(function (select) {
  // data-table: the ids of the tables the filter applies to, separated by spaces
  select.addEventListener("change", function () {
    var filters = document.querySelectorAll("select[data-table='" + select.dataset.table + "']");
    select.dataset.table.split(" ").forEach(function (id) {
      var table = document.getElementById(id);
      if (!table) { return; }
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var shown = Array.prototype.every.call(filters, function (f) {
          return !f.value || row.dataset[f.dataset.filter] === f.value;
        });
        row.hidden = !shown;
      });
    });
  });
});
// A link to a call's evidence opens it.
function openTarget() {
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === "DETAILS") { target.open = true; }
}
window.addEventListener("hashchange", openTarget);
openTarget();
