// A PDF made by a background task (reports.pdf_queue): asks its status every second, shows the progress, and
// offers and starts the download the moment it is made, so nobody reloads the page. Without this file the
// page says to reload, and a reload serves the PDF once made.
document.addEventListener("DOMContentLoaded", () => {
  for (const job of document.querySelectorAll(".pdf-job[data-status-url]")) {
    const state = job.querySelector(".pdf-job-state");
    const progress = job.querySelector(".pdf-job-progress");
    const poll = async () => {
      let status;
      try {
        const response = await fetch(job.dataset.statusUrl, { headers: { Accept: "application/json" } });
        status = await response.json();
      } catch {
        setTimeout(poll, 3000);
        return;
      }
      state.textContent = status.label;
      progress.value = status.progress;
      progress.textContent = `${status.progress} %`;
      if (status.download) {
        job.querySelector(".pdf-job-ready").hidden = false;
        if (job.dataset.autoDownload !== "no") window.location.assign(status.download);
      } else if (status.state === "mislukt") {
        job.querySelector(".pdf-job-failed").hidden = false;
      } else {
        setTimeout(poll, 1000);
      }
    };
    setTimeout(poll, 1000);
  }
});
