/* The footer's "Report an error" link gains this page's address, so the issue it opens names the
   page (kept out of the page's HTML: every byte of a page counts against its first paint). Loaded
   after the first paint, like all our scripts (main.html). */
(function () {
  "use strict";
  var ASK = "\n\nWhat looks wrong, and the source that says otherwise:\n";
  function report() {
    var link = document.querySelector("a.course-report");
    if (!link) return;
    var canonical = document.querySelector("link[rel=canonical]");
    var url = new URL(link.href);
    url.searchParams.set("body", "Page: " + (canonical ? canonical.href : location.href) + ASK);
    link.href = url.toString();
  }
  // instant navigation swaps the footer in without running scripts again
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(report);
  else report();
})();
