/* Self-check items: check answers, explain, remember progress. No framework, no network.
   Forms are rendered at build time; this script only reads data-* attributes on them. */
(function () {
  "use strict";
  var KEY = "cart-course:progress:v1";

  function load() {
    try { var data = JSON.parse(window.localStorage.getItem(KEY) || "{}"); return data && typeof data === "object" ? data : {}; }
    catch (e) { return {}; } // private mode or a corrupt store must not break the page
  }
  function save(data) { try { window.localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { /* ignore */ } }

  function isRight(form) {
    var type = form.dataset.type;
    if (type === "numeric") {
      var input = form.querySelector("input[type=number]");
      if (!input.value) return null;
      return Math.abs(parseFloat(input.value) - parseFloat(form.dataset.answer)) <= parseFloat(form.dataset.tolerance || "0");
    }
    if (type === "matching" || type === "ordering") {
      var selects = form.querySelectorAll("select");
      for (var i = 0; i < selects.length; i++) if (!selects[i].value) return null;
      return Array.prototype.every.call(selects, function (s) { return s.value === s.dataset.correct; });
    }
    var inputs = form.querySelectorAll("input");
    var chosen = Array.prototype.filter.call(inputs, function (x) { return x.checked; });
    if (!chosen.length) return null;
    return Array.prototype.every.call(inputs, function (x) { return x.checked === x.hasAttribute("data-correct"); });
  }

  function check(form) {
    var right = isRight(form), box = form.querySelector(".quiz-feedback");
    if (right === null) { box.textContent = "Choose or enter an answer first."; return; }
    var explanation = form.querySelector(".quiz-explanation");
    box.innerHTML = "";
    var verdict = document.createElement("strong");
    verdict.textContent = right ? "Correct. " : "Incorrect. ";
    box.className = "quiz-feedback " + (right ? "is-correct" : "is-incorrect");
    box.appendChild(verdict);
    if (explanation) box.appendChild(explanation.cloneNode(true));
    box.setAttribute("tabindex", "-1");
    box.focus();
    var progress = load();
    progress[form.dataset.questionId] = { right: right, page: location.pathname };
    save(progress);
  }

  function init() {
    document.querySelectorAll("form.quiz-question:not([data-ready])").forEach(function (form) {
      form.setAttribute("data-ready", "");
      form.addEventListener("submit", function (event) { event.preventDefault(); check(form); });
    });
  }

  // Material's instant navigation swaps pages without reloading: initialise on each one.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
