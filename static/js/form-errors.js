// After a refused form: bring its first problem into view and put the focus on it, so a
// keyboard or screen-reader user lands where the correction is to be made.
const first = document.querySelector('[aria-invalid="true"], .outcome-error');
if (first) {
  if (!first.matches("input, select, textarea")) {
    first.setAttribute("tabindex", "-1");
  }
  first.scrollIntoView({ block: "center" });
  first.focus({ preventScroll: true });
}
