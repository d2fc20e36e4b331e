// Sortable tables: a button in each header sorts by that column; aria-sort says how.
function cellValue(row, index, kind) {
  const text = row.cells[index].textContent.trim();
  return kind === "number" ? Number(text.replace(/[^\d.-]/g, "")) || 0 : text;
}

function sortBy(table, header, kind) {
  const headers = [...header.parentElement.children];
  const index = headers.indexOf(header);
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  const body = table.tBodies[0];
  const collator = new Intl.Collator(document.documentElement.lang);
  const rows = [...body.rows].sort((a, b) => {
    const [x, y] = [cellValue(a, index, kind), cellValue(b, index, kind)];
    const order = kind === "number" ? x - y : collator.compare(x, y);
    return ascending ? order : -order;
  });
  headers.forEach((th) => th.removeAttribute("aria-sort"));
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  body.append(...rows);
}

document.querySelectorAll("table[data-sortable]").forEach((table) => {
  table.querySelectorAll("th button[data-sort]").forEach((button) => {
    button.addEventListener("click", () => sortBy(table, button.closest("th"), button.dataset.sort));
  });
});
