/* global document, window */
// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Forms with data-confirm ask before they are sent (e.g. withdrawing a proposal).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var message = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // htmx requests carry the page's CSRF token in a header.
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) event.detail.headers['X-CSRF-Token'] = meta.getAttribute('content');
  });
  // After a refused form, move focus to the summary so screen readers read the reasons.
  var summary = document.getElementById('form-summary');
  if (summary) summary.focus();
})();
