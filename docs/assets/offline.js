/* The course offline: registers the service worker (sw.js at the site root, on Workbox's runtime;
   its precache list is written by the build) once the page has loaded, so a first visit is never
   slowed, and says when a new version of the course is ready. Only pages that link the web app
   manifest register it: the web site does, the local preview server and LMS packages do not. */
(function () {
  "use strict";
  var script = document.currentScript && document.currentScript.src;
  if (!script || !("serviceWorker" in navigator) || !document.querySelector("link[rel=manifest]")) return;
  var ROOT = script.replace(/assets\/offline\.js(\?.*)?$/, ""), asked = false;

  /* A new version waits until the learner says so: reloading under their feet would lose an
     answer being typed. */
  function notice(waiting) {
    if (document.querySelector(".course-update")) return;
    var bar = document.createElement("div"), text = document.createElement("span"), button = document.createElement("button");
    bar.className = "course-update"; bar.setAttribute("role", "status");
    text.textContent = "A new version of the course is ready.";
    button.type = "button"; button.textContent = "Reload";
    button.addEventListener("click", function () { asked = true; waiting.postMessage({ type: "SKIP_WAITING" }); });
    bar.appendChild(text); bar.appendChild(button);
    document.body.appendChild(bar);
  }
  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) notice(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (worker) worker.addEventListener("statechange", function () {
        // "installed" with a page already controlled: an update (the first install is silent)
        if (worker.state === "installed" && navigator.serviceWorker.controller) notice(worker);
      });
    });
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () { if (asked) location.reload(); });
  function register() {
    navigator.serviceWorker.register(ROOT + "sw.js", { scope: ROOT }).then(watch).catch(function () { /* no offline copy */ });
  }
  if (document.readyState === "complete") register(); else window.addEventListener("load", register, { once: true });
})();
