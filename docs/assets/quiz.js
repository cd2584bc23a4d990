/* Self-checks, progress and the final assessment. Vanilla, no network beyond the site's own
   quizbank.json. Forms on module pages are rendered at build time; the assessment builds the
   same markup from the published bank, so one checker serves both. */
(function () {
  "use strict";
  var KEY = "cart-course:progress:v1";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function load() {
    try { var d = JSON.parse(localStorage.getItem(KEY) || "{}"); return d && typeof d === "object" && !Array.isArray(d) ? d : {}; }
    catch (e) { return {}; } // blocked storage (private mode) or corrupt JSON: start empty
  }
  function save(d) { try { localStorage.setItem(KEY, JSON.stringify(d)); } catch (e) { /* nothing to do */ } }
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) n.setAttribute(k, attrs[k]);
    if (text != null) n.textContent = text;
    return n;
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
      var inputs = form.querySelectorAll("input");
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

  function record(form, ok) {
    var p = load(), key = form.dataset.questionId + "@" + form.dataset.hash;
    p[key] = { topic: form.dataset.topic, right: ok };
    save(p);
    announce("course:answer", { key: key, id: form.dataset.questionId, topic: form.dataset.topic, right: ok });
  }

  function check(form, quiet) {
    var ok = verdict(form), box = form.querySelector(".quiz-feedback");
    box.textContent = "";
    box.className = "quiz-feedback";
    if (ok === null) { if (!quiet) box.textContent = "Choose or enter an answer first."; return null; }
    box.className += ok ? " is-correct" : " is-incorrect";
    box.appendChild(el("strong", {}, ok ? "Correct. " : "Incorrect. "));
    var why = form.querySelector(".quiz-explanation");
    if (why) box.appendChild(why.cloneNode(true));
    form.querySelector(".quiz-retry").hidden = false;
    if (!quiet) { record(form, ok); box.focus(); }
    return ok;
  }

  function retry(form) {
    each(form.querySelectorAll("input"), function (x) { if (x.type === "number") x.value = ""; else x.checked = false; });
    each(form.querySelectorAll("select"), function (s) { s.value = ""; });
    var box = form.querySelector(".quiz-feedback");
    box.textContent = ""; box.className = "quiz-feedback";
    form.querySelector(".quiz-retry").hidden = true;
    var first = form.querySelector("input, select");
    if (first) first.focus();
  }

  function wire(form, graded) {
    if (form.hasAttribute("data-ready")) return; // instant navigation may show a page twice
    form.setAttribute("data-ready", "");
    var actions = form.querySelector(".quiz-actions"), again = el("button", { type: "button", "class": "md-button quiz-retry" }, "Try again");
    again.hidden = true;
    actions.appendChild(again);
    again.addEventListener("click", function () { retry(form); });
    form.querySelector(".quiz-feedback").setAttribute("tabindex", "-1");
    form.addEventListener("submit", function (e) { e.preventDefault(); if (!graded) check(form); });
  }

  /* --- the final assessment: items drawn from quizbank.json, built as the same forms --- */
  function build(item, n, base) {
    var f = el("form", { "class": "quiz-question", "data-question-id": item.id, "data-type": item.type, "data-hash": item.hash || "", "data-topic": item.topic });
    if (item.type === "numeric") { f.dataset.answer = item.answer; f.dataset.tolerance = item.tolerance || 0; }
    var fs = el("fieldset"), name = "a" + n;
    fs.appendChild(el("legend", {}, n + ". " + item.stem));
    function choice(label, control) { var l = el("label", { "class": "quiz-option" }); l.appendChild(control); l.appendChild(document.createTextNode(" " + label)); fs.appendChild(l); }
    function select(label, values, correct, before) {
      var s = el("select", { name: name + "-" + fs.children.length, "data-correct": correct });
      s.appendChild(el("option", { value: "" }, "Choose…"));
      values.forEach(function (v) { s.appendChild(el("option", {}, v)); });
      var l = el("label", { "class": "quiz-option" });
      if (before) { l.appendChild(document.createTextNode(label + " ")); l.appendChild(s); } else { l.appendChild(s); l.appendChild(document.createTextNode(" " + label)); }
      fs.appendChild(l);
    }
    if (item.options) item.options.forEach(function (o) {
      var i = el("input", { type: item.type === "multiple" ? "checkbox" : "radio", name: name, value: o.id });
      if (o.correct) i.setAttribute("data-correct", "");
      choice(o.text, i);
    });
    if (item.type === "numeric") choice("", el("input", { type: "number", step: "any", name: name, "aria-label": "Your answer" }));
    if (item.type === "matching") {
      var rights = item.pairs.map(function (p) { return p.right; }).filter(function (v, i, a) { return a.indexOf(v) === i; }).sort();
      item.pairs.forEach(function (p) { select(p.left, rights, p.right, true); });
    }
    if (item.type === "ordering") {
      var positions = item.order.map(function (_, i) { return String(i + 1); });
      item.order.slice().sort().forEach(function (s) { select(s, positions, String(item.order.indexOf(s) + 1), false); });
    }
    f.appendChild(fs);
    var why = el("p", { "class": "quiz-explanation", hidden: "" }, item.explanation + " (References: " + item.refs.join(", ") + ") ");
    why.appendChild(el("a", { href: base + item.page }, "Where this is taught"));
    f.appendChild(el("p", { "class": "quiz-actions" }));
    f.appendChild(el("div", { "class": "quiz-feedback", "aria-live": "polite" }));
    f.appendChild(why);
    return f;
  }

  function assessment(root) {
    if (root.hasAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    var start = root.querySelector(".assessment-start"), area = root.querySelector(".assessment-items"), result = root.querySelector(".assessment-result");
    start.addEventListener("submit", function (e) {
      e.preventDefault();
      var count = parseInt(start.querySelector("input").value, 10) || 10;
      fetch(root.dataset.bank).then(function (r) { return r.json(); }).then(function (bank) {
        var pool = bank.items.slice();
        for (var i = pool.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = pool[i]; pool[i] = pool[j]; pool[j] = t; }
        area.textContent = ""; result.textContent = "";
        var forms = pool.slice(0, count).map(function (item, n) { var f = build(item, n + 1, root.dataset.base); area.appendChild(f); wire(f, true); return f; });
        var done = el("button", { type: "button", "class": "md-button md-button--primary" }, "Finish and score");
        area.appendChild(done);
        done.addEventListener("click", function () { score(root, forms, result); });
        area.querySelector("input, select").focus();
      }).catch(function () { result.textContent = "The question bank could not be loaded. Reload the page to try again."; });
    });
  }

  function score(root, forms, result) {
    var byTopic = {}, right = 0;
    forms.forEach(function (f) {
      var ok = check(f, true) === true;
      f.querySelector(".quiz-retry").hidden = true;
      if (check(f, true) === null) { var box = f.querySelector(".quiz-feedback"); box.className = "quiz-feedback is-incorrect"; box.textContent = "Not answered. "; box.appendChild(f.querySelector(".quiz-explanation").cloneNode(true)); box.lastChild.hidden = false; }
      record(f, ok);
      var t = byTopic[f.dataset.topic] = byTopic[f.dataset.topic] || [0, 0];
      t[1]++; if (ok) { t[0]++; right++; }
    });
    result.textContent = "";
    var heading = el("h2", { tabindex: "-1" }, "Your score: " + right + " of " + forms.length);
    result.appendChild(heading);
    result.appendChild(moduleTable(root, byTopic));
    heading.focus();
    announce("course:assessment", { right: right, total: forms.length });
  }

  function moduleTable(root, counts) {
    var table = el("table"), head = el("tr");
    ["Module", "Right", "Asked"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(head);
    each(root.querySelectorAll(".module-list a"), function (a) {
      var c = counts[a.dataset.topic];
      if (!c) return;
      var tr = el("tr"), td = el("td"), link = el("a", { href: a.getAttribute("href") }, a.textContent);
      td.appendChild(link); tr.appendChild(td);
      tr.appendChild(el("td", {}, String(c[0]))); tr.appendChild(el("td", {}, String(c[1])));
      table.appendChild(tr);
    });
    return table;
  }

  /* --- the progress page: listeners wired once, the table redrawn after import or reset --- */
  function progress(root) {
    if (root.hasAttribute("data-ready")) return;
    root.setAttribute("data-ready", "");
    var out = root.querySelector(".progress-result");
    function note(text) { out.prepend(el("p", { role: "status" }, text)); }
    root.querySelector(".progress-export").addEventListener("click", function () {
      var link = el("a", { download: "cart-course-progress.json", href: URL.createObjectURL(new Blob([JSON.stringify(load())], { type: "application/json" })) });
      document.body.appendChild(link); link.click(); link.remove();
    });
    root.querySelector(".progress-import").addEventListener("change", function (e) {
      var file = e.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var incoming = JSON.parse(text), p = load();
        if (!incoming || typeof incoming !== "object" || Array.isArray(incoming)) throw new Error("bad file");
        Object.keys(incoming).forEach(function (k) { var v = incoming[k]; if (v && typeof v === "object" && typeof v.topic === "string") p[k] = { topic: v.topic, right: v.right === true }; });
        save(p); draw(root, out); note("Progress imported.");
      }).catch(function () { note("That file is not a progress file from this course."); });
    });
    root.querySelector(".progress-reset").addEventListener("click", function () {
      try { localStorage.removeItem(KEY); } catch (e) { /* blocked storage holds nothing */ }
      draw(root, out); note("Progress cleared.");
    });
    draw(root, out);
  }

  function draw(root, out) {
    var p = load(), counts = {}, missed = [];
    Object.keys(p).forEach(function (k) {
      var e = p[k]; if (!e || typeof e !== "object") return;
      var c = counts[e.topic] = counts[e.topic] || [0, 0];
      c[1]++; if (e.right) c[0]++; else missed.push(k.split("@")[0]);
    });
    out.textContent = "";
    if (!Object.keys(counts).length) out.appendChild(el("p", {}, "No answers saved yet in this browser."));
    else out.appendChild(moduleTable(root, counts));
    if (missed.length) fetch(root.dataset.bank).then(function (r) { return r.json(); }).then(function (bank) {
      var list = el("ul");
      bank.items.forEach(function (item) {
        if (missed.indexOf(item.id) < 0) return;
        var li = el("li", {}, item.stem + " ");
        li.appendChild(el("a", { href: root.dataset.base + item.page }, "Review"));
        list.appendChild(li);
      });
      out.appendChild(el("h2", {}, "Questions to review"));
      out.appendChild(list);
    }).catch(function () { /* the table above still stands */ });
  }

  function init() {
    each(document.querySelectorAll("form.quiz-question"), function (f) { wire(f, false); });
    each(document.querySelectorAll(".assessment"), assessment);
    each(document.querySelectorAll(".progress"), progress);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init); // Material instant navigation
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
