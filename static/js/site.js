// Small improvements on top of pages that work without JavaScript.
(function () {
  "use strict";

  // After a form comes back with errors, move the focus to the error summary, so that
  // screen reader and keyboard users hear what went wrong and can jump to each field.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // Links in the summary focus their field, not only scroll to it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
  });
})();
