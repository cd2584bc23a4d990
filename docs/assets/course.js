/* The path through the course: completion marks, Continue, the progress page, the final
   assessment and the certificate. Reads assets/course.json (modules, their self-check keys, pass
   rules), assets/quizbank.json and the assessment's items page (the forms it clones) from the
   site's own origin; keeps everything in localStorage. */
(function () {
  "use strict";
  var Q = window.cartCourse, el = Q.el, each = Q.each, S = window.cartStore;
  var ATTEMPTS = S.ATTEMPTS, PLACE = S.PLACE, NAME = S.NAME;
  var script = document.currentScript && document.currentScript.src;
  var ROOT = script ? script.replace(/assets\/course\.js(\?.*)?$/, "") : "../"; // the site root, from any page or subpath
  var cache = {};

  function get(path, read) {
    return cache[path] || (cache[path] = fetch(ROOT + path).then(function (r) {
      if (!r.ok) throw new Error(path);
      return read(r);
    }).catch(function (e) { delete cache[path]; throw e; }));
  }
  function json(path) { return get(path, function (r) { return r.json(); }); }
  function text(path) { return get(path, function (r) { return r.text(); }); }
  /* The items page holds every item's form as the build rendered it (the module pages' macro),
     inert in a <template>: {item id: form}, never part of this page's DOM. */
  function formsIn(html) {
    var page = new DOMParser().parseFromString(html, "text/html"), forms = {};
    each(page.getElementById("assessment-forms").content.querySelectorAll("form.quiz-question"),
      function (f) { forms[f.dataset.questionId] = f; });
    return forms;
  }
  function attempts() {
    var a = Q.read(ATTEMPTS) || {};
    if (!Array.isArray(a.history)) a.history = [];
    return a;
  }
  function url(rel) { return new URL(rel, ROOT).href; }  // rel from course.json: "x/" on the web, "x.html" in LMS packages
  function page(href) { return href.split("#")[0].replace(/index\.html$/, ""); }  // one key per page, web or LMS
  function samePage(a, b) { return page(a) === page(b); }
  /* Material styles (and scrolls) only tables inside its own wrappers. */
  function framed(table) {
    var outer = el("div", { "class": "md-typeset__scrollwrap" }), inner = el("div", { "class": "md-typeset__table" });
    inner.appendChild(table); outer.appendChild(inner);
    return outer;
  }
  function pct(right, total) { return total ? Math.round(100 * right / total) : 0; }
  function when(iso) { var d = new Date(iso); return isNaN(d) ? "" : d.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" }); }

  /* --- where the learner stands ------------------------------------------------------------ */
  function status(m, p) {
    var done = 0, right = 0;
    m.checks.forEach(function (k) { if (p[k]) { done++; if (p[k].right) right++; } });
    return { done: done, right: right, total: m.checks.length, complete: done === m.checks.length };
  }
  function passed(course) { return attempts().history.filter(function (h) { return h.passed; }); }
  function finished(course) {
    var p = Q.load();
    return course.modules.every(function (m) { return status(m, p).complete; }) && passed(course).length > 0;
  }

  /* Completed modules get a check mark and the words "(completed)" in the navigation and the
     home page's list; runs on every page, idempotent under instant navigation. */
  function markNav(course) {
    var p = Q.load(), done = {};
    course.modules.forEach(function (m) { done[page(url(m.url))] = status(m, p).complete && m.checks.length > 0; });
    each(document.querySelectorAll(".md-nav a.md-nav__link, .course-path a"), function (a) {
      var key = page(a.href);
      if (a.hash || !(key in done) || a.closest(".md-nav--secondary")) return; // not a module's own link
      var old = a.querySelector(".course-done");
      if (old && !done[key]) old.remove();
      if (done[key] && !old) {
        var s = el("span", { "class": "course-done" }, " ✓");
        s.appendChild(el("span", { "class": "course-sr" }, " (completed)"));
        (a.querySelector(".md-ellipsis") || a).appendChild(s);
      }
    });
  }

  function remember(course) {
    course.modules.forEach(function (m) { if (samePage(location.href, url(m.url))) Q.write(PLACE, { id: m.id }); });
  }

  /* Home: Start, or Continue at the last module visited (the next one when that is complete). */
  function start(course, button) {
    var place = Q.read(PLACE), p = Q.load(), i = -1;
    course.modules.forEach(function (m, n) { if (place && m.id === place.id) i = n; });
    if (i < 0 && !Object.keys(p).length) return;
    i = Math.max(i, 0);
    while (i < course.modules.length && status(course.modules[i], p).complete) i++;
    if (i >= course.modules.length) { button.textContent = "Continue: final assessment"; button.href = url(course.pages.assessment); return; }
    button.textContent = "Continue: " + course.modules[i].title;
    button.href = url(course.modules[i].url);
  }

  /* --- the final assessment ---------------------------------------------------------------- */
  function shuffle(a) {
    for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = a[i]; a[i] = a[j]; a[j] = t; }
    return a;
  }
  /* A blueprinted draw: min_per_module items from every module first, then the rest at random;
     never two items about one fact (family; an item without one is its own family). */
  function drawItems(items, course) {
    var rules = course.assessment, pool = shuffle(items.slice()), used = {}, chosen = [];
    function take(item) {
      var f = item.family || item.id;
      if (used[f] || chosen.length >= rules.items) return false;
      used[f] = true; chosen.push(item); return true;
    }
    course.modules.forEach(function (m) {
      var n = 0;
      pool.forEach(function (item) { if (item.topic === m.id && n < rules.min_per_module && take(item)) n++; });
    });
    pool.forEach(take);
    var order = course.modules.map(function (m) { return m.id; });
    return chosen.sort(function (a, b) { return order.indexOf(a.topic) - order.indexOf(b.topic); });
  }

  /* `items`: the items page's HTML. Each drawn item shows a copy of its form there, wired by
     quiz.js as graded; nothing here builds a form. The page is parsed when an attempt is first
     shown: 145 forms make a long task that a visitor who only reads this page never pays for. */
  function assessment(root, course, bank, items) {
    var area = root.querySelector(".assessment-items"), result = root.querySelector(".assessment-result");
    var history = root.querySelector(".assessment-history"), forms = [];
    var end = root.querySelector(".assessment-end"); // Finish and score: shown during an attempt
    var source = null; // {item id: form}, from the items page once an attempt is shown

    function show(ids, answers) {
      area.textContent = ""; result.textContent = "";
      forms = [];
      source = source || formsIn(items);
      area.classList.remove("only-to-review");
      ids.forEach(function (id, n) {
        if (!source[id]) return; // saved before the bank changed: the item is gone
        var f = document.importNode(source[id], true), li = el("li", { value: String(forms.length + 1) });
        li.appendChild(f); area.appendChild(li); Q.wire(f, true); // the list numbers it
        if (answers && answers[n] != null) Q.restore(f, answers[n]);
        forms.push(f);
      });
    }
    function keep() {
      var a = attempts();
      a.current = { ids: forms.map(function (f) { return f.dataset.questionId; }), answers: forms.map(Q.given) };
      Q.write(ATTEMPTS, a);
    }
    function begin(ids, answers) {
      show(ids, answers);
      end.hidden = false;
    }
    end.querySelector("button").addEventListener("click", finish);
    area.addEventListener("change", function () { if (!end.hidden) keep(); });
    area.addEventListener("input", function () { if (!end.hidden) keep(); });
    function review(when) {
      var counts = {}, right = 0, first = {};
      forms.forEach(function (f) {
        var ok = Q.verdict(f), li = f.parentNode, topic = f.dataset.topic;
        f.querySelector("fieldset").disabled = true;
        Q.feedback(f, ok);
        var c = counts[topic] = counts[topic] || [0, 0];
        c[1]++; if (ok === true) { c[0]++; right++; }
        li.classList.toggle("is-right", ok === true);
        // The module table jumps to the module's first question to review (else its first).
        if (!first[topic] || (ok !== true && first[topic].classList.contains("is-right"))) first[topic] = li;
      });
      each(area.querySelectorAll("li[id]"), function (li) { li.removeAttribute("id"); });
      Object.keys(first).forEach(function (topic) { first[topic].id = "review-" + topic; });
      var total = forms.length, score = pct(right, total), pass = score >= course.assessment.pass_mark;
      result.textContent = "";
      var heading = el("h2", { tabindex: "-1", id: "your-score" }, "Your score: " + right + " of " + total + " (" + score + "%) · " + (pass ? "passed" : "not passed"));
      result.appendChild(heading);
      result.appendChild(el("p", {}, (when ? "Attempt of " + when + ". " : "") + "The pass mark is " + course.assessment.pass_mark + "%. Each question below shows your answer, the correct answer and where it is taught."));
      result.appendChild(moduleTable(course, counts, ["Right", "Asked"], function (c) { return [String(c[0]), String(c[1])]; }, "#review-"));
      if (right < total) result.appendChild(reviewSwitch(area, total - right));
      result.appendChild(finishLine(course));
      return { right: right, total: total, passed: pass, heading: heading };
    }
    function finish() {
      var answered = forms.filter(function (f) { return Q.verdict(f) !== null; });
      if (answered.length < forms.length && !window.confirm((forms.length - answered.length) + " questions are not answered. Score the attempt anyway?")) return;
      answered.forEach(function (f) { Q.record(f, Q.verdict(f)); }); // skipped items never overwrite progress
      var now = new Date().toISOString(), s = review(when(now)), a = attempts();
      a.history.push({ date: now, right: s.right, total: s.total, passed: s.passed });
      a.history = a.history.slice(-50);
      a.last = { date: now, ids: forms.map(function (f) { return f.dataset.questionId; }), answers: forms.map(Q.given) };
      delete a.current;
      Q.write(ATTEMPTS, a);
      result.querySelector(".finish-line").replaceWith(finishLine(course)); // now counting this attempt
      end.hidden = true;
      drawHistory(history);
      s.heading.focus();
      Q.announce("course:assessment", { right: s.right, total: s.total });
    }
    root.querySelector(".assessment-start").addEventListener("submit", function (e) {
      e.preventDefault();
      var busy = !end.hidden && forms.some(function (f) { return Q.verdict(f) !== null; });
      if (busy && !window.confirm("Start a new attempt? Your answers in this attempt will be lost.")) return;
      begin(drawItems(bank.items, course).map(function (i) { return i.id; }));
      keep();
      area.querySelector("input, select").focus();
    });
    root.querySelector(".assessment-start button").disabled = false; // usable once the bank is here: never a bare form submit
    var saved = attempts();
    if (saved.current) begin(saved.current.ids, saved.current.answers); // a reload keeps the attempt in progress
    else if (saved.last) { show(saved.last.ids, saved.last.answers); review(when(saved.last.date)); }
    drawHistory(history);
  }

  function drawHistory(box) {
    var h = attempts().history;
    box.textContent = "";
    if (!h.length) return;
    box.appendChild(el("h2", { id: "attempts" }, "Your attempts"));
    var table = el("table"), head = el("tr");
    ["Date", "Score", "Result"].forEach(function (t) { head.appendChild(el("th", { scope: "col" }, t)); });
    table.appendChild(head);
    h.slice().reverse().forEach(function (a) {
      var tr = el("tr");
      [when(a.date), a.right + " of " + a.total + " (" + pct(a.right, a.total) + "%)", a.passed ? "Passed" : "Not passed"].forEach(function (t) { tr.appendChild(el("td", {}, t)); });
      table.appendChild(tr);
    });
    box.appendChild(framed(table));
  }

  /* After scoring: hide the questions answered right, so only those to review are left. */
  function reviewSwitch(area, wrong) {
    var box = el("input", { type: "checkbox", "class": "review-only" });
    var label = el("label", { "class": "review-filter" });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" Show only the " + wrong + (wrong === 1 ? " question" : " questions") + " to review"));
    box.addEventListener("change", function () { area.classList.toggle("only-to-review", box.checked); });
    return label;
  }

  /* A jump within the review: Material's instant navigation would take a same-page link to the
     top, so the question is scrolled to and focused here (shown first if the switch hides it). */
  function jumpTo(e) {
    var target = document.getElementById(this.hash.slice(1)), only = document.querySelector(".review-only");
    if (!target) return;
    e.preventDefault(); e.stopPropagation();
    if (!target.offsetParent && only && only.checked) { only.checked = false; only.dispatchEvent(new Event("change")); }
    target.setAttribute("tabindex", "-1");
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }

  /* `jump`: where each module's name links ("#review-" + module id: its questions in the review
     above); otherwise to the module's page. */
  function moduleTable(course, counts, heads, cells, jump) {
    var table = el("table", { "class": "module-table" }), head = el("tr");
    ["Module"].concat(heads).forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(head);
    course.modules.forEach(function (m) {
      var c = counts[m.id];
      if (!c) return;
      var tr = el("tr"), td = el("td");
      var a = el("a", { href: jump ? jump + m.id : url(m.url) }, m.title);
      if (jump) a.addEventListener("click", jumpTo);
      td.appendChild(a);
      tr.appendChild(td);
      cells(c).forEach(function (t) { tr.appendChild(el("td", {}, t)); });
      table.appendChild(tr);
    });
    return framed(table);
  }

  /* --- the finish line: what is left, or the certificate ----------------------------------- */
  function finishLine(course) {
    var box = el("div", { "class": "finish-line" }), p = Q.load();
    if (finished(course)) {
      var a = el("p", {}, "You have finished the course. ");
      a.appendChild(el("a", { href: url(course.pages.progress + "#certificate") }, "Your certificate of completion"));
      box.appendChild(a);
      return box;
    }
    var left = course.modules.filter(function (m) { return !status(m, p).complete; });
    var text = "To finish the course: " + (left.length ? "answer every self-check in " + left.map(function (m) { return m.title; }).join(", ") : "");
    text += passed(course).length ? "." : (left.length ? ", and " : "") + "pass the final assessment (" + course.assessment.pass_mark + "%).";
    box.appendChild(el("p", {}, text));
    return box;
  }

  function certificate(box, course) {
    box.textContent = "";
    box.appendChild(el("h2", { id: "certificate" }, "Certificate of completion"));
    if (!finished(course)) { box.appendChild(finishLine(course)); return; }
    var best = passed(course).sort(function (x, y) { return pct(y.right, y.total) - pct(x.right, x.total); })[0];
    var label = el("label", { "class": "certificate-name-label" }, "Your name, as it should appear (kept in this browser only) ");
    var input = el("input", { type: "text", "class": "certificate-name", autocomplete: "name" });
    input.value = (Q.read(NAME) || {}).name || "";
    label.appendChild(input);
    var sheet = el("div", { "class": "certificate-sheet" }), who = el("p", { "class": "certificate-who" }, input.value || "…");
    sheet.appendChild(el("p", { "class": "certificate-kicker" }, "Certificate of completion"));
    sheet.appendChild(who);
    sheet.appendChild(el("p", {}, "completed all " + course.modules.length + " modules of " + course.title + " and passed the final assessment with " +
      pct(best.right, best.total) + "% (" + best.right + " of " + best.total + ") on " + when(best.date) + "."));
    sheet.appendChild(el("p", {}, "Course version " + course.version + "."));
    sheet.appendChild(el("p", { "class": "certificate-note" }, "A self-record: made in the learner's own browser from their own answers. It is not accreditation and carries no continuing-education credit; nobody has verified it."));
    input.addEventListener("input", function () { who.textContent = input.value || "…"; Q.write(NAME, { name: input.value }); });
    var print = el("button", { type: "button", "class": "md-button md-button--primary" }, "Print the certificate");
    print.addEventListener("click", function () {
      document.documentElement.classList.add("course-print-certificate");
      window.print();
      document.documentElement.classList.remove("course-print-certificate");
    });
    box.appendChild(label); box.appendChild(print); box.appendChild(sheet);
    Q.announce("course:certificate", { sheet: sheet }); // review.js adds the objectives secured
  }

  /* --- the progress page ------------------------------------------------------------------- */
  function progress(root, course) {
    var out = root.querySelector(".progress-result"), cert = root.querySelector(".certificate-area"), hist = root.querySelector(".progress-history");
    function note(text) { out.prepend(el("p", { role: "status" }, text)); }
    function redraw() { var drawn = draw(out, course); drawHistory(hist); certificate(cert, course); return drawn; }
    root.querySelector(".progress-export").addEventListener("click", function () {
      var data = JSON.stringify(S.exportData(course)); // answers, review schedule, attempts, certificate name
      var link = el("a", { download: "cart-course-progress.json", href: URL.createObjectURL(new Blob([data], { type: "application/json" })) });
      document.body.appendChild(link); link.click(); link.remove();
    });
    root.querySelector(".progress-import").addEventListener("change", function (e) {
      var file = e.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var got = S.importData(JSON.parse(text));
        redraw(); markNav(course);
        function n(count, one) { return count + " " + one + (count === 1 ? "" : "s"); }
        note(got.saved ? "Progress imported: " + n(got.answers, "answer") + " (" + got.added + " new here) and " + n(got.attempts, "final-assessment attempt") +
          " (" + got.passed + " passed)." : "This browser could not keep the imported progress (its storage is blocked or full).");
      }).catch(function () { note("That file is not a progress file from this course."); });
    });
    root.querySelector(".progress-reset").addEventListener("click", function () {
      if (!window.confirm("Clear all your saved answers, attempts and certificate in this browser? This cannot be undone.")) return;
      S.clear();
      redraw(); markNav(course); note("Progress cleared.");
    });
    Promise.resolve(redraw()).then(land, land);
  }

  /* A link to #certificate (the end of a passed attempt) lands on it: the page is drawn after
     load, so the browser found no such element to scroll to. */
  function land() {
    var target = location.hash === "#certificate" && document.getElementById("certificate");
    if (!target) return;
    target.setAttribute("tabindex", "-1");
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }

  function draw(out, course) {
    var p = Q.load(), done = 0, total = 0, complete = 0, missed = [];
    out.textContent = "";
    var table = el("table", { "class": "module-table" }), head = el("tr");
    ["Module", "Self-checks answered", "Right", "Status"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(head);
    course.modules.forEach(function (m) {
      var s = status(m, p), tr = el("tr"), td = el("td");
      done += s.done; total += s.total; if (s.complete) complete++;
      td.appendChild(el("a", { href: url(m.url) }, m.title));
      tr.appendChild(td);
      [s.done + " of " + s.total + " (" + pct(s.done, s.total) + "%)", String(s.right), s.complete ? (s.right === s.total ? "✓ Done, all right" : "✓ All answered, " + (s.total - s.right) + " to review") : s.done ? "In progress" : "Not started"].forEach(function (t) { tr.appendChild(el("td", {}, t)); });
      table.appendChild(tr);
    });
    out.appendChild(el("p", { "class": "progress-overall" }, "Overall: " + done + " of " + total + " self-checks answered (" + pct(done, total) + "%); " + complete + " of " + course.modules.length + " modules done."));
    if (!Object.keys(p).length) out.appendChild(el("p", {}, "No answers saved yet in this browser."));
    out.appendChild(framed(table));
    Object.keys(p).forEach(function (k) { if (p[k] && p[k].right === false) missed.push(k.split("@")[0]); });
    if (missed.length) return json("assets/quizbank.json").then(function (bank) {
      var list = el("ul");
      bank.items.forEach(function (item) {
        if (missed.indexOf(item.id) < 0) return;
        var li = el("li", {}, item.stem + " ");
        li.appendChild(el("a", { href: url(item.page) }, "Review"));
        list.appendChild(li);
      });
      out.appendChild(el("h2", {}, "Questions to review"));
      out.appendChild(list);
    }).catch(function () { /* the table above still stands */ });
  }

  function init() {
    json("assets/course.json").then(function (course) {
      remember(course);
      markNav(course);
      each(document.querySelectorAll(".course-start"), function (b) { start(course, b); });
      each(document.querySelectorAll(".progress:not([data-ready])"), function (root) { root.setAttribute("data-ready", ""); progress(root, course); });
      each(document.querySelectorAll(".assessment:not([data-ready])"), function (root) {
        root.setAttribute("data-ready", "");
        var items = text(course.pages["assessment-items"]);
        Promise.all([json("assets/quizbank.json"), items]).then(function (got) {
          assessment(root, course, got[0], got[1]);
        }).catch(function () {
          root.querySelector(".assessment-result").textContent = "The question bank could not be loaded. Reload the page to try again.";
        });
      });
    }).catch(function () { /* pages still read and self-checks still work without the path */ });
  }
  document.addEventListener("course:answer", function () { json("assets/course.json").then(markNav).catch(function () {}); });
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
