// The little the pages need beyond HTML: the evidence scrolled into view, and articles added in
// the background with their progress. Article text is only ever set with textContent.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // the evidence in the middle of the article's box, the page itself left at its top
  const evidence = document.getElementById("evidence");
  const article = document.getElementById("article");
  if (evidence && article) article.scrollTop = Math.max(0, evidence.offsetTop - article.clientHeight / 2);

  const author = document.getElementById("author");
  if (author) {
    author.value = localStorage.getItem("crisisdesk-author") || "";
    author.form.addEventListener("submit", () => localStorage.setItem("crisisdesk-author", author.value));
  }

  const form = document.getElementById("add-form");
  if (!form) return;
  const box = document.getElementById("progress");
  const bar = document.getElementById("bar");
  const status = document.getElementById("status");
  const failed = document.getElementById("failed");

  function show(job) {
    box.hidden = false;
    bar.max = job.total || 1;
    bar.value = job.done;
    status.textContent = job.state === "done" || job.state === "failed"
      ? job.message
      : `${job.state}: ${job.done} of ${job.total ?? "?"} article(s) read`;
    failed.replaceChildren(...job.failed.map((f) => {
      const item = document.createElement("li");
      item.textContent = `${f.origin}: ${f.reason}`;
      return item;
    }));
  }

  async function poll(id) {
    const response = await fetch(`/api/jobs/${id}`);
    const job = await response.json();
    show(job);
    if (job.state === "queued" || job.state === "running") setTimeout(() => poll(id), 500);
    else status.dataset.finished = job.state;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.removeAttribute("data-finished");
    const response = await fetch("/api/ingest", { method: "POST", body: new FormData(form) });
    const body = await response.json();
    if (!response.ok) {
      box.hidden = false;
      status.textContent = `refused: ${body.detail}`;
      status.dataset.finished = "refused";
      return;
    }
    show(body);
    poll(body.id);
  });
});
