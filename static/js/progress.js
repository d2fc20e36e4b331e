// Long work (a batch allocation, a ledger import) shows its progress: poll, reload when finished.
const POLL_MS = 2000;

async function poll(bar) {
  const response = await fetch(bar.dataset.poll, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (!response.ok) return;
  const run = await response.json();
  bar.value = run.progress;
  const text = document.querySelector("[data-progress-text]");
  if (text) text.textContent = run.progress_text ?? `${Math.round(run.progress * 100)}%`;
  if (run.status === "done" || run.status === "failed") {
    window.location.reload();
    return;
  }
  window.setTimeout(() => poll(bar), POLL_MS);
}

document.querySelectorAll("progress[data-poll]").forEach((bar) => window.setTimeout(() => poll(bar), POLL_MS));
