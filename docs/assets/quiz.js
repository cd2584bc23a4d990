/* Self-checks: checking, feedback, saved answers that come back on a revisit. Vanilla, no network.
   Every form is rendered at build time; the final assessment (course.js) clones the same forms
   from the assessment's items page, so one checker serves both. */
(function () {
  "use strict";
  var S = window.cartStore, KEY = S.KEY; // the store (store.js): versioned keys, migration, review log
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var map = function (list, fn) { return Array.prototype.map.call(list, fn); };

  var read = S.read, write = S.write, load = S.load;
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) n.setAttribute(k, attrs[k]);
    if (text != null) n.textContent = text;
    return n;
  }

  function choices(form) { return form.querySelectorAll("input[type=radio], input[type=checkbox]"); }

  /* The learner's answer, compact enough for an LMS's suspend data: option ids, the number typed,
     or the index chosen in each select (0 = none), never the text. */
  function given(form) {
    var t = form.dataset.type;
    if (t === "numeric") return form.querySelector("input").value;
    if (t === "matching" || t === "ordering") return map(form.querySelectorAll("select"), function (s) { return s.selectedIndex; });
    return Array.prototype.filter.call(choices(form), function (x) { return x.checked; }).map(function (x) { return x.value; });
  }
  function restore(form, a) {
    var t = form.dataset.type;
    if (t === "numeric") { if (typeof a === "string") form.querySelector("input").value = a; return; }
    if (!Array.isArray(a)) return;
    if (t === "matching" || t === "ordering") { each(form.querySelectorAll("select"), function (s, i) { s.selectedIndex = a[i] > 0 && a[i] < s.options.length ? a[i] : 0; }); showChoices(form); }
    else each(choices(form), function (x) { x.checked = a.indexOf(x.value) >= 0; });
  }

  function verdict(form) {
    var t = form.dataset.type, ok = true, answered = true;
    if (t === "numeric") {
      var v = form.querySelector("input").value;
      answered = v !== "";
      ok = Math.abs(parseFloat(v) - parseFloat(form.dataset.answer)) <= parseFloat(form.dataset.tolerance || "0");
    } else if (t === "matching" || t === "ordering") {
      each(form.querySelectorAll("select"), function (s) { if (!s.value) answered = false; if (s.value !== s.dataset.correct) ok = false; });
    } else {
      var inputs = choices(form);
      answered = Array.prototype.some.call(inputs, function (x) { return x.checked; });
      each(inputs, function (x) { if (x.checked !== x.hasAttribute("data-correct")) ok = false; });
    }
    return answered ? ok : null;
  }

  /* Other scripts (the LMS adapter in package builds) follow the learner through these events
     rather than reaching into this file: "course:answer" after each saved answer,
     "course:assessment" after a scored attempt. */
  function announce(name, detail) {
    try { document.dispatchEvent(new CustomEvent(name, { detail: detail })); } catch (e) { /* old browser: nothing listens */ }
  }

  /* What the LMS adapter records as the learner's response: the option ids chosen, the number
     typed, or per select [its right answer, the one chosen]; and whether a scored attempt asked. */
  function response(form) {
    var t = form.dataset.type;
    if (t !== "matching" && t !== "ordering") return given(form);
    return map(form.querySelectorAll("select"), function (s) { return [s.dataset.correct, s.value]; });
  }

  function record(form, ok) {
    var p = load(), key = form.dataset.questionId + "@" + form.dataset.hash;
    p[key] = S.answered(p[key], { topic: form.dataset.topic, right: ok, a: given(form) }); // keeps its review log
    write(KEY, p);
    announce("course:answer", { key: key, id: form.dataset.questionId, topic: form.dataset.topic, right: ok,
      response: response(form), graded: !!form.closest(".assessment") });
  }

  /* Marks beside each option or row: a symbol and words, so colour is never the only signal. */
  function mark(label, right, text) {
    var m = el("span", { "class": "quiz-mark " + (right ? "is-right" : "is-wrong") }, (right ? "✓ " : "✗ ") + text);
    label.appendChild(m);
  }
  function marks(form) {
    each(form.querySelectorAll(".quiz-mark"), function (m) { m.remove(); });
    var t = form.dataset.type;
    if (t === "matching" || t === "ordering") {
      each(form.querySelectorAll("select"), function (s) {
        if (s.value === s.dataset.correct) mark(s.closest("label"), true, "right");
        // "should be 4": the right answer, never read as "your 4 is wrong"
        else mark(s.closest("label"), false, (s.value ? "should be " : "not answered; should be ") + s.dataset.correct);
      });
    } else if (t !== "numeric") {
      each(choices(form), function (x) {
        var correct = x.hasAttribute("data-correct"), label = x.closest("label");
        if (x.checked) mark(label, correct, correct ? "your answer, correct" : "your answer, not correct");
        else if (correct) mark(label, true, "correct answer");
      });
    }
  }

  function feedback(form, ok) {
    var box = form.querySelector(".quiz-feedback"), held = form.querySelector("template.quiz-held");
    var answer = held ? held.content : form; // an assessment form holds its answer out of the page
    var key = answer.querySelector(".quiz-answer-text");
    var why = answer.querySelector(".quiz-explanation");
    box.textContent = "";
    box.className = "quiz-feedback " + (ok === true ? "is-correct" : "is-incorrect");
    box.appendChild(el("strong", {}, ok === true ? "Correct. " : ok === false ? "Incorrect. " : "Not answered. "));
    if (form.dataset.type === "numeric" && ok !== null) box.appendChild(el("span", {}, "Your answer: " + given(form) + ". "));
    if (key && ok !== true) { var k = el("p", {}, "Correct answer: "); k.appendChild(el("strong", {}, key.textContent.trim())); box.appendChild(k); }
    each(form.querySelectorAll("input[data-why]"), function (x) { // what the chosen option means, in this item
      if (x.checked) box.appendChild(el("p", { "class": "quiz-why" }, "Your choice, " + x.closest("label").textContent.trim() + ": " + x.dataset.why));
    });
    if (why) box.appendChild(why.cloneNode(true));
    marks(form);
    var again = form.querySelector(".quiz-retry");
    if (again) again.hidden = false;
    return box;
  }

  function check(form, quiet) {
    var ok = verdict(form), box = form.querySelector(".quiz-feedback");
    if (ok === null) { box.className = "quiz-feedback"; box.textContent = quiet ? "" : "Choose or enter an answer first."; return null; }
    feedback(form, ok);
    if (!quiet) { record(form, ok); box.focus(); }
    return ok;
  }

  function retry(form) {
    each(form.querySelectorAll("input"), function (x) { if (x.type === "number") x.value = ""; else x.checked = false; });
    each(form.querySelectorAll("select"), function (s) { s.value = ""; });
    showChoices(form);
    each(form.querySelectorAll(".quiz-mark"), function (m) { m.remove(); });
    var box = form.querySelector(".quiz-feedback");
    box.textContent = ""; box.className = "quiz-feedback";
    form.querySelector(".quiz-retry").hidden = true;
    var first = form.querySelector("input, select");
    if (first) first.focus();
  }

  /* A phone's collapsed select cuts a long match short: each matching row keeps the whole chosen
     text in data-chosen, which the stylesheet shows under the select on a narrow screen. */
  function showChoices(form) {
    if (form.dataset.type !== "matching") return;
    each(form.querySelectorAll("select"), function (s) {
      s.closest("label").setAttribute("data-chosen", s.selectedIndex > 0 ? s.options[s.selectedIndex].text : "");
    });
  }

  /* `fresh`: the review page asks again, so the last answer is not put back. */
  function wire(form, graded, fresh) {
    if (form.hasAttribute("data-ready")) return; // instant navigation may show a page twice
    form.setAttribute("data-ready", "");
    form.querySelector(".quiz-feedback").setAttribute("tabindex", "-1");
    form.addEventListener("change", function () { showChoices(form); });
    if (graded) { // the assessment scores every item at the end: no Check, no answer till then
      form.querySelector(".quiz-actions").remove();
      // The answer waits in a <template>: unseen, unread by screen readers, and no weight in the
      // page's element count (its references and abbreviations would add up to ~300 in twenty).
      var answer = form.querySelector(".quiz-answer");
      var held = el("template", { "class": "quiz-held" });
      answer.replaceWith(held);
      held.content.appendChild(answer);
      form.addEventListener("submit", function (e) { e.preventDefault(); }); // Enter in a field
      return;
    }
    var actions = form.querySelector(".quiz-actions"), again = el("button", { type: "button", "class": "md-button quiz-retry" }, "Try again");
    again.hidden = true;
    actions.appendChild(again);
    again.addEventListener("click", function () { retry(form); });
    form.addEventListener("submit", function (e) { e.preventDefault(); check(form); });
    actions.querySelector("button[type=submit]").disabled = false; // disabled until now: see main.html
    var saved = !fresh && load()[form.dataset.questionId + "@" + form.dataset.hash];
    if (saved && saved.a != null) { restore(form, saved.a); check(form, true); } // a revisit shows the last answer
  }

  function init() { each(document.querySelectorAll("form.quiz-question"), function (f) { if (!f.closest(".assessment")) wire(f, false); }); }

  window.cartCourse = { KEY: KEY, read: read, write: write, load: load, el: el, each: each, given: given, restore: restore,
    verdict: verdict, record: record, feedback: feedback, wire: wire, announce: announce };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init); // Material instant navigation
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
