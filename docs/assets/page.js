/* Two small jobs every page needs, kept out of its HTML (every byte of a page counts against its
   first paint): the course's style sheets, fetched as print sheets so they never hold up the first
   paint, switch to every medium once loaded; and the footer's "Report an error" link gains this
   page's address, so the issue it opens names the page. Deferred, like all our scripts. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("link[data-course-sheet]"), function (l) {
    function on() { l.media = "all"; }
    if (l.sheet) on(); else l.addEventListener("load", on);
  });

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
