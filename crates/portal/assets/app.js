// Progressive enhancement only: every page works without this file.
// Loaded with `defer` from /assets (the CSP forbids inline script).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // After a form post, move focus to the results or the error summary so
  // screen-reader and keyboard users start where the news is.
  const target = document.querySelector("[data-autofocus]");
  if (target) {
    target.focus();
  }

  // Show that a screening is under way and ignore a second click.
  for (const form of document.querySelectorAll("form")) {
    form.addEventListener("submit", (event) => {
      if (form.dataset.busy === "true") {
        event.preventDefault();
        return;
      }
      const button = event.submitter;
      if (button && button.dataset.busyText) {
        form.dataset.busy = "true";
        button.setAttribute("aria-disabled", "true");
        button.textContent = button.dataset.busyText;
        // A download leaves the page as it is: allow another submit later.
        setTimeout(() => { form.dataset.busy = "false"; }, 10000);
      }
    });
  }
});
