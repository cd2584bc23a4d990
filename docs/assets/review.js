/* Spaced review and mastery on the page: how many questions are due (header and navigation), the
   Review page, after each self-check answer when it comes back (and hard or easy), each module's
   objectives marked not started, practising or secure, the same on the progress page, and the
   objectives secured on the certificate. The rules live in schedule.js; it and ts-fsrs load only
   for a learner who has answered something, and only after the page has loaded, so a first visit
   never pays for them. */
(function () {
  "use strict";
  var Q = window.cartCourse, S = window.cartStore, el = Q.el, each = Q.each;
  var script = document.currentScript && document.currentScript.src;
  var ROOT = script ? script.replace(/assets\/review\.js(\?.*)?$/, "") : "../";
  var LABEL = { "none": "No questions yet", "not-started": "Not started", "practising": "Practising", "secure": "Secure" };
  var MARK = { "none": "", "not-started": "○ ", "practising": "◐ ", "secure": "● " };
  var once = {};

  function remember(name, make) { return once[name] || (once[name] = make().catch(function (e) { delete once[name]; throw e; })); }
  function loaded() {
    return new Promise(function (done) {
      if (document.readyState === "complete") done(); else window.addEventListener("load", function () { done(); }, { once: true });
    });
  }
  function scriptTag(path) {
    return new Promise(function (done, fail) {
      var s = el("script", { src: ROOT + path });
      s.onload = done; s.onerror = function () { fail(new Error(path)); };
      document.head.appendChild(s);
    });
  }
  function get(path, how) { return remember(path, function () { return fetch(ROOT + path).then(function (r) { if (!r.ok) throw new Error(path); return r[how](); }); }); }
  /* FSRS and the rules, once per visit, after the page has loaded. */
  function rules() {
    return remember("rules", function () {
      return loaded().then(function () { return scriptTag("assets/vendor/ts-fsrs/index.umd.js"); })
        .then(function () { return scriptTag("assets/schedule.js"); }).then(function () { return window.cartSchedule; });
    });
  }
  function url(rel) { return new URL(rel, ROOT).href; }
  function page(href) { return href.split("#")[0].replace(/index\.html$/, ""); }

  /* Everything the page shows comes from one look at the store. */
  function state() {
    return Promise.all([rules(), get("assets/review.json", "json"), get("assets/course.json", "json")]).then(function (got) {
      var R = got[0], index = got[1], course = got[2], day = S.today(), list = R.entries(S.load(), index);
      var due = R.dueOn(list, day);
      return { R: R, index: index, course: course, day: day, list: list, due: due, order: R.interleave(due),
               mastery: R.mastery(list, index, day) };
    });
  }

  /* --- dates ---------------------------------------------------------------------------------- */
  function dateOf(day, long) {
    return new Date(day * 864e5).toLocaleDateString(undefined, long ? { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" }
      : { month: "long", day: "numeric", timeZone: "UTC" });
  }
  function whenDue(day, today) {
    var n = day - today;
    return n <= 0 ? "today" : n === 1 ? "tomorrow, " + dateOf(day, true) : dateOf(day, true) + " (in " + n + " days)";
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* --- how many are due: a link in the header, a count in the navigation ---------------------- */
  function dueCount(st) {
    var n = st ? st.due.length : 0, href = url((st ? st.course : { pages: {} }).pages.review || "review/");
    var header = document.querySelector(".md-header__inner"), chip = document.querySelector(".review-due");
    if (header && n && !chip) {
      chip = el("a", { "class": "review-due md-header__button" });
      var title = header.querySelector(".md-header__title");
      header.insertBefore(chip, title ? title.nextSibling : null);
    }
    if (chip && !n) chip.remove();
    if (chip && n) { // its name, "3 due for review today", starts with what it shows
      chip.href = href; chip.textContent = n + " due";
      chip.appendChild(el("span", { "class": "course-sr" }, " for review today"));
    }
    each(document.querySelectorAll(".md-nav--primary a.md-nav__link"), function (a) {
      if (page(a.href) !== page(href) || a.hash) return;
      var old = a.querySelector(".review-count");
      if (old) old.remove();
      if (n) (a.querySelector(".md-ellipsis") || a).appendChild(el("span", { "class": "review-count" }, " (" + n + " due)"));
    });
  }

  /* --- mastery: module objectives, the progress page, the certificate ------------------------- */
  function badge(s) { return el("span", { "class": "mastery mastery--" + s }, MARK[s] + LABEL[s]); }
  function markObjectives(st) {
    var here = st.course.modules.filter(function (m) { return page(url(m.url)) === page(location.href); })[0];
    var list = here && document.querySelectorAll(".course-objectives li");
    if (!list) return;
    each(list, function (li, n) {
      var old = li.querySelector(".mastery"), o = st.mastery[here.id][n];
      if (old) old.remove();
      if (o && o.state !== "none") { li.appendChild(document.createTextNode(" ")); li.appendChild(badge(o.state)); }
    });
  }
  function counts(st) {
    var n = { "secure": 0, "practising": 0, "not-started": 0 };
    Object.keys(st.mastery).forEach(function (m) { st.mastery[m].forEach(function (o) { if (o.state in n) n[o.state]++; }); });
    return n;
  }
  function progressMastery(box, st) {
    box.textContent = "";
    if (!st.list.length) return;
    var n = counts(st), review = url(st.course.pages.review);
    box.appendChild(el("h2", { id: "objectives" }, "Your learning objectives"));
    var p = el("p", {}, n.secure + " secure, " + n.practising + " practising, " + n["not-started"] + " not started. An objective is secure once every question on it has been answered right on at least two different days and FSRS puts your chance of recalling each one today above 90%. ");
    var a = el("a", { href: review }, st.due.length ? plural(st.due.length, "question is", "questions are") + " due for review today." : "Review");
    p.appendChild(a);
    box.appendChild(p);
    st.course.modules.forEach(function (m) {
      box.appendChild(el("h3", {}, m.title));
      var ul = el("ul", { "class": "mastery-list" });
      st.mastery[m.id].forEach(function (o) {
        var li = el("li", {}, o.text + " ");
        li.appendChild(o.state === "none" ? el("span", { "class": "mastery mastery--none" }, LABEL.none) : badge(o.state));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
  }
  function certificateObjectives(sheet, st) {
    var old = sheet.querySelector(".certificate-objectives");
    if (old) old.remove();
    var box = el("div", { "class": "certificate-objectives" }), secured = [];
    st.course.modules.forEach(function (m) { st.mastery[m.id].forEach(function (o) { if (o.state === "secure") secured.push(o.text); }); });
    var total = Object.keys(st.mastery).reduce(function (t, m) { return t + st.mastery[m].filter(function (o) { return o.state !== "none"; }).length; }, 0);
    box.appendChild(el("p", {}, "Learning objectives secured on " + dateOf(st.day) + ": " + secured.length + " of " + total + (secured.length ? ":" : ".")));
    if (secured.length) {
      var ul = el("ul");
      secured.forEach(function (t) { ul.appendChild(el("li", {}, t)); });
      box.appendChild(ul);
    }
    var note = sheet.querySelector(".certificate-note");
    sheet.insertBefore(box, note);
  }

  /* --- after an answer: when it comes back, and hard or easy ---------------------------------- */
  function entryOf(st, key) { return st.list.filter(function (e) { return e.key === key; })[0]; }
  /* Below the feedback (not in it: the feedback stays the self-check's own), announced politely. */
  function afterAnswer(form, key, right, st) {
    var box = form.querySelector(".quiz-feedback"), old = form.querySelector(".review-after"), record = S.load()[key];
    if (old) old.remove();
    if (!record || !entryOf(st, key)) return; // nothing kept (blocked storage): nothing scheduled
    var entry = record.r[record.r.length - 1];
    if (entry[0] !== st.day) return; // the clock went back: the log was not touched
    var counted = (entry[1] > 1) === right; // else an earlier answer today set this day's rating
    var panel = el("div", { "class": "review-after", "aria-live": "polite" }), when = el("p", { "class": "review-when" }), buttons = [];
    function show(now) {
      var e = entryOf(now, key), rating = S.load()[key].r.slice(-1)[0][1];
      when.textContent = "Next review of this question: " + whenDue(e.due, now.day) + "." +
        (counted ? "" : " Your first answer today is the one that counts.");
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(rating === b.rating)); });
    }
    panel.appendChild(when);
    if (right && counted) {
      var ask = el("p", { "class": "review-rate" }, "Right. Was it hard or easy to recall? ");
      [[2, "Hard"], [4, "Easy"]].forEach(function (r) {
        var b = el("button", { type: "button", "class": "md-button review-rate-" + r[1].toLowerCase() }, r[1]);
        b.rating = r[0];
        b.addEventListener("click", function () {
          S.rate(key, b.getAttribute("aria-pressed") === "true" ? 3 : r[0]); // pressed again: back to good
          refresh().then(show).catch(function () {});
        });
        buttons.push(b); ask.appendChild(b);
      });
      panel.appendChild(ask);
    }
    show(st);
    box.insertAdjacentElement("afterend", panel);
  }
  document.addEventListener("click", function (e) { // Try again: the question is asked afresh
    var again = e.target.closest && e.target.closest(".quiz-retry"), panel = again && again.form && again.form.querySelector(".review-after");
    if (panel) panel.remove();
  });

  /* --- the Review page ------------------------------------------------------------------------ */
  function formsIn(html) { // the assessment's items page: every item's form, inert in a <template>
    var doc = new DOMParser().parseFromString(html, "text/html"), forms = {};
    each(doc.getElementById("assessment-forms").content.querySelectorAll("form.quiz-question"), function (f) { forms[f.dataset.questionId] = f; });
    return forms;
  }
  function reviewStatus(root, st) {
    var status = root.querySelector(".review-status"), next = root.querySelector(".review-next");
    var left = st.due.length, answered = root.querySelectorAll(".review-items form[data-answered]").length;
    if (!st.list.length) status.textContent = "Nothing to review yet: the questions you answer in the modules come back here when they are due.";
    else if (!left) status.textContent = answered ? "Done: nothing else is due today." : "Nothing is due today.";
    else status.textContent = (answered ? plural(left, "question", "questions") + " left today." : plural(left, "question is", "questions are") +
      " due today, from " + plural(modulesOf(st.due), "module", "modules") + ".") + (st.order.held.length ? " " +
      plural(st.order.held.length, "question waits", "questions wait") + " for another day, so that one fact does not come twice in a row." : "");
    var ahead = st.R.upcoming(st.list, st.day);
    next.textContent = ahead.length ? "Next: " + plural(ahead[0][1], "question", "questions") + " on " + dateOf(ahead[0][0], true) +
      (ahead[1] ? "; then " + ahead[1][1] + " on " + dateOf(ahead[1][0], true) : "") + "." : "";
  }
  function modulesOf(list) { var m = {}; list.forEach(function (e) { m[e.module] = true; }); return Object.keys(m).length; }
  /* The queue first, then the line that says what it holds (a test waits for that line). */
  function reviewPage(root, st) {
    var area = root.querySelector(".review-items");
    if (!st.order.queue.length) { reviewStatus(root, st); return Promise.resolve(); }
    return get(st.course.pages["assessment-items"], "text").then(function (html) {
      var forms = formsIn(html), titles = {};
      st.course.modules.forEach(function (m) { titles[m.id] = m; });
      area.textContent = "";
      st.order.queue.forEach(function (e) {
        if (!forms[e.id]) return;
        var li = el("li", { "class": "review-item", "data-family": e.family, "data-module": e.module }), from = el("p", { "class": "review-from" }, "From ");
        from.appendChild(el("a", { href: url(titles[e.module].url) }, titles[e.module].title));
        li.appendChild(from);
        if (e.edited) li.appendChild(el("p", { "class": "review-edited" }, "This question has changed since you last answered it, so its schedule starts afresh."));
        var f = document.importNode(forms[e.id], true);
        li.appendChild(f);
        area.appendChild(li);
        Q.wire(f, false, true); // the self-check's own form and checker, empty: asked again
      });
      reviewStatus(root, st);
    });
  }

  /* --- putting it together -------------------------------------------------------------------- */
  var current = null;
  function draw(st) {
    current = st;
    dueCount(st);
    markObjectives(st);
    each(document.querySelectorAll(".progress-mastery"), function (box) { progressMastery(box, st); });
    each(document.querySelectorAll(".certificate-sheet"), function (sheet) { certificateObjectives(sheet, st); });
    return st;
  }
  /* One recount for a burst of changes (a scored attempt saves twenty answers at once). */
  var pending = null;
  function refresh() {
    if (!pending) pending = new Promise(function (go) { setTimeout(go, 0); }).then(function () { pending = null; return state(); }).then(draw);
    return pending;
  }
  function init() {
    var root = document.querySelector(".review:not([data-ready])"), any = Object.keys(S.load()).length > 0;
    if (!root && !any) { dueCount(null); return; } // nothing answered: nothing to load
    if (root) root.setAttribute("data-ready", "");
    refresh().then(function (st) { if (root) return reviewPage(root, st); }).catch(function () {
      if (root) root.querySelector(".review-status").textContent = "The review could not be loaded. Reload the page to try again.";
    });
  }

  document.addEventListener("course:answer", function (e) {
    var key = e.detail && e.detail.key, form = key && document.querySelector(
      "form.quiz-question[data-question-id=\"" + e.detail.id + "\"][data-hash=\"" + key.split("@")[1] + "\"]");
    if (form && form.closest(".assessment")) form = null; // graded: scored at the end, no panel
    if (form) form.setAttribute("data-answered", "");
    refresh().then(function (st) {
      if (form) afterAnswer(form, key, e.detail.right === true, st);
      var root = document.querySelector(".review[data-ready]");
      if (root) reviewStatus(root, st);
    }).catch(function () { /* the answer is saved; the schedule shows next time */ });
  });
  document.addEventListener("course:store", function () { refresh().catch(function () {}); });
  document.addEventListener("course:certificate", function (e) {
    var sheet = e.detail && e.detail.sheet;
    if (sheet) refresh().then(function (st) { certificateObjectives(sheet, st); }).catch(function () {});
  });
  window.cartReview = { state: state, refresh: refresh, current: function () { return current; } };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
