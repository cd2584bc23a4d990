/* LMS adapter: present only in SCORM packages (never on the web site).

   The package opens at lms-launch.html, a page that holds the course in an iframe. That page keeps
   the one LMS session (SCORM allows a single Initialize/Terminate per launch, and every course page
   is a full page load), and every course page reports to it. Roles, by where this script runs:
   - the launch page (<html data-lms-standard>): find the API, initialise, restore progress and the
     last page from the LMS, load the course, record, terminate on pagehide;
   - a course page inside the launch page: forward quiz.js's "course:answer" and "course:assessment"
     events (with when the learner started on each item) and the page address to the session;
   - anywhere else (no LMS, or a page opened on its own): nothing, so the course behaves as on the web.
   The LMS is reached through a transport (lms-scorm.js: one per standard, SCORM 1.2 and SCORM
   2004); a cmi5/xAPI transport would offer the same four methods: connect, load, save, finish. */
(function () {
  "use strict";
  var PROGRESS_KEY = "cart-course:progress:v2";  // store.js's progress: {"<id>@<hash>": {topic, right, a, r}}
  var FORMAT = "c1";                             // version of the suspend-data encoding below

  function log(message) { try { console.warn("LMS: " + message); } catch (e) { /* no console */ } }

  /* --- progress <-> suspend data: one state character per bank item, by its index in the bank --- */
  function fingerprint(keys) {  // FNV-1a over the bank's id@hash keys: a changed bank is noticed
    var h = 0x811c9dc5, text = keys.join("\n");
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return h.toString(36);
  }
  function indexBank(bank) {
    var items = bank.items.slice().sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    var keys = items.map(function (item) { return item.id + "@" + item.hash; }), index = {};
    keys.forEach(function (key, i) { index[key] = i; });
    return { items: items, keys: keys, index: index, print: fingerprint(keys) };
  }
  function readProgress() {
    try { var p = JSON.parse(localStorage.getItem(PROGRESS_KEY) || "{}"); return p && typeof p === "object" && !Array.isArray(p) ? p : {}; }
    catch (e) { return {}; }
  }
  function writeProgress(p) {
    try { localStorage.setItem(PROGRESS_KEY, JSON.stringify(p)); } catch (e) { log("progress could not be stored in this browser"); }
  }

  /* Other course keys the LMS keeps too (course.js's attempt history and place), so a returning
     learner's finish line agrees with the LMS; only the attempt summaries travel, never answers. */
  var CARRIED = {
    "cart-course:assessment:v1": function (v) { return v && Array.isArray(v.history) ? { history: v.history } : null; },
    "cart-course:place:v1": function (v) { return v && typeof v === "object" ? v : null; }
  };
  function readKey(key) { try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; } }

  /* "c1|<fingerprint>|<states>|<json>": states holds "0" (not answered), "1" (right) or "2"
     (wrong) per bank item; json is {"k": {carried key: value}, "x": {index: {field: value}}}, where
     x keeps fields other than topic and right (quiz.js keeps the learner's answer, say). Carried
     keys (oldest attempts dropped first) and then extras are added only while the whole stays
     within `limit`. */
  function encode(bank, progress, limit) {
    var states = [], extras = [], answered = 0;
    for (var i = 0; i < bank.keys.length; i++) states.push("0");
    Object.keys(progress).forEach(function (key) {
      var i = bank.index[key], record = progress[key];
      if (i === undefined || !record || typeof record !== "object") return;  // an item no longer in the bank
      states[i] = record.right === true ? "1" : "2";
      answered++;
      var more = {};
      Object.keys(record).forEach(function (f) { if (f !== "topic" && f !== "right") more[f] = record[f]; });
      if (Object.keys(more).length) extras[i] = more;
    });
    var head = [FORMAT, bank.print, states.join("")].join("|"), room = limit - head.length - 16;  // '|{"k":{},"x":{}}'
    var carried = [], kept = [];
    Object.keys(CARRIED).forEach(function (key) {
      var value = CARRIED[key](readKey(key));
      if (!value) return;
      var entry = JSON.stringify(key) + ":" + JSON.stringify(value);
      while (entry.length + 1 > room && value.history && value.history.length) {
        value.history.shift();  // the oldest attempts give way first
        entry = JSON.stringify(key) + ":" + JSON.stringify(value);
      }
      if (entry.length + 1 <= room) { carried.push(entry); room -= entry.length + 1; }
    });
    extras.forEach(function (more, i) {
      var entry = JSON.stringify(String(i)) + ":" + JSON.stringify(more);
      if (entry.length + 1 <= room) { kept.push(entry); room -= entry.length + 1; }
    });
    return { text: head + '|{"k":{' + carried.join(",") + '},"x":{' + kept.join(",") + "}}", answered: answered };
  }
  /* The progress records back, and the carried keys written (or removed: the LMS has none). */
  function decode(bank, text) {
    var parts = text.split("|"), progress = {}, more = {};
    if (parts[0] !== FORMAT || parts[1] !== bank.print || (parts[2] || "").length !== bank.keys.length) return null;
    try { more = JSON.parse(parts.slice(3).join("|") || "{}") || {}; } catch (e) { more = {}; }
    var extras = more.x || {};
    for (var i = 0; i < bank.keys.length; i++) {
      var state = parts[2].charAt(i);
      if (state !== "1" && state !== "2") continue;
      var record = extras[i] && typeof extras[i] === "object" ? extras[i] : {};
      record.topic = bank.items[i].topic;
      record.right = state === "1";
      progress[bank.keys[i]] = record;
    }
    restoreCarried(more.k || {});
    return progress;
  }
  function restoreCarried(values) {
    Object.keys(CARRIED).forEach(function (key) {
      try {
        if (values[key]) localStorage.setItem(key, JSON.stringify(values[key]));
        else localStorage.removeItem(key);
      } catch (e) { /* blocked storage: nothing to restore into */ }
    });
  }

  /* --- the session, kept by the launch page ----------------------------------------------------- */
  function session(transport, settings) {
    var started = Date.now(), bank = null, location = "", best = null, score = null, answered = 0, pending = false;
    var table = null, count = 0, queued = [], full = {};  // interactions: the table, how many the LMS holds
    function seconds() { return Math.round((Date.now() - started) / 1000); }
    function record(suspend) {
      return { location: location, suspend: suspend, answered: answered, total: bank ? bank.keys.length : 0,
               score: score, seconds: seconds(), interactions: queued.splice(0), objectives: objectiveStates() };
    }
    /* Each module objective's score: the share right of the learner's latest answers to the items
       that test it (self-checks and assessments alike), judged by the pass mark. */
    function objectiveStates() {
      if (!table) return [];
      var tally = {}, progress = readProgress();
      Object.keys(progress).forEach(function (key) {
        var item = table.items[key.split("@")[0]], r = progress[key];
        if (!item || !r || typeof r !== "object") return;
        var t = tally[item.objective] = tally[item.objective] || [0, 0];
        t[1]++;
        if (r.right === true) t[0]++;
      });
      return table.objectives.map(function (o) {
        var t = tally[o.id], percent = t ? Math.round(100 * t[0] / t[1]) : null;
        return { id: o.id, description: table.standard === "scorm2004" ? o.description : "", percent: percent,
                 passed: percent !== null && percent >= settings.passMark };
      });
    }
    /* The learner's response in the standard's notation, through the table's identifiers. */
    function responseText(entry, response) {
      var list = table.items_separator;
      if (entry.type === "numeric") { var v = parseFloat(response); return isNaN(v) ? "" : String(v); }
      if (!Array.isArray(response)) return "";
      if (entry.type === "matching") {  // rows: [right answer, chosen answer], in the item's pair order
        return response.map(function (row, i) { return row[1] && entry.ids[row[1]] ? entry.sources[i] + table.pair_separator + entry.ids[row[1]] : ""; })
          .filter(Boolean).join(list);
      }
      if (entry.type === "sequencing") {  // rows: [right position, chosen position]: the steps as placed
        return response.filter(function (row) { return row[1]; })
          .sort(function (a, b) { return a[1] - b[1]; })
          .map(function (row) { return entry.ids[row[0]]; }).join(list);
      }
      return response.map(function (id) { return entry.ids[id]; }).filter(Boolean).join(list);
    }
    function progressText() {
      if (!bank) return null;  // the bank did not load: leave the LMS's suspend data as it is
      var encoded = encode(bank, readProgress(), transport.suspendLimit);
      answered = encoded.answered;
      if (encoded.text.length > transport.suspendLimit) log("progress needs " + encoded.text.length + " characters; the LMS keeps " + transport.suspendLimit);
      return encoded.text;
    }
    return {
      /* Called once: restore progress (the LMS is the source of truth) and say which page to open. */
      restore: function (open) {
        var stored = transport.load();
        best = stored.best;
        count = stored.interactions;
        location = safePage(stored.location) || "";
        var tabled = fetch(settings.interactions).then(function (r) { return r.json(); }).then(function (data) { table = data; })
          .catch(function (e) { log("the interactions table did not load (" + e + "); answers are not recorded one by one"); });
        fetch(settings.bank).then(function (r) { return r.json(); }).then(function (data) {
          bank = indexBank(data);
          var progress = stored.suspend ? decode(bank, stored.suspend) : null;
          if (progress === null) {
            if (stored.suspend) log("saved progress is from another version of the course; starting afresh");
            restoreCarried({});
            progress = {};
          }
          writeProgress(progress);
          answered = Object.keys(progress).length;
        }).catch(function (e) { log("the question bank did not load (" + e + "); progress is not restored"); })
          .then(function () { return tabled; })
          .then(function () { open(location || settings.start); });
      },
      visit: function (href) {
        var page = pageOf(href);
        if (!page) return;
        location = page;
        transport.save(record(null));
      },
      /* detail: quiz.js's (id, right, response, graded) and the page's timing (started, at). Self-checks
         stop `reserve` short of the limit, so an assessment attempt still fits; past it, nothing. */
      answered: function (detail) {  // a scored attempt saves every item at once: one commit for the batch
        var entry = table && detail && table.items[detail.id];
        var room = table ? table.limit - (detail && detail.graded ? 0 : table.reserve) : 0;
        if (entry && detail.response != null && count < room) {
          var at = detail.at || Date.now(), from = detail.started || at;
          queued.push({ n: count++, id: detail.id, type: entry.type, objective: entry.objective, correct: entry.correct,
                        description: entry.description, response: responseText(entry, detail.response),
                        result: detail.right === true ? "correct" : table.wrong, started: from,
                        latency: detail.started ? Math.max(0, (at - from) / 1000) : null });
        } else if (entry && detail.response != null && !full[!!detail.graded]) {
          full[!!detail.graded] = true;
          log(detail.graded ? "the LMS keeps " + table.limit + " answers; later ones are not recorded one by one"
            : "self-checks are no longer recorded one by one: the last " + table.reserve + " of " + table.limit + " places are kept for the final assessment");
        }
        if (pending) return;
        pending = true;
        setTimeout(function () { pending = false; transport.save(record(progressText())); }, 0);
      },
      assessed: function (detail) {
        if (!detail || !(detail.total > 0)) return;
        var percent = Math.round(100 * detail.right / detail.total);  // as the page shows it and judges the pass
        best = best === null ? percent : Math.max(best, percent);  // the best attempt counts, as in most LMS quizzes
        score = { percent: best, passed: best >= settings.passMark };
        transport.save(record(progressText()));
      },
      finish: function () { transport.finish(record(progressText())); }
    };
  }

  var packageRoot = new URL(".", window.location.href).href;
  function pageOf(href) {  // a course page's address relative to the package, or "" for anything else
    var url = new URL(href, packageRoot);
    return url.href.indexOf(packageRoot) === 0 ? safePage(url.pathname.slice(new URL(packageRoot).pathname.length)) : "";
  }
  function safePage(path) {  // only this package's own pages are opened from stored data
    return /^([\w-]+\/)*[\w-]+\.html$/.test(path || "") ? path : "";
  }

  function launch() {
    var transports = window.courseLMSTransports || {};  // lms-scorm.js, loaded by the launch page before this
    var root = document.documentElement, transport = transports[root.getAttribute("data-lms-standard")];
    var settings = { passMark: parseFloat(root.getAttribute("data-pass-mark")), start: root.getAttribute("data-start"),
                     bank: root.getAttribute("data-bank"), interactions: root.getAttribute("data-interactions") };
    if (!transport) { log("unknown standard"); window.location.replace(settings.start); return; }
    var link = transport();
    if (!link.connect()) { window.location.replace(settings.start); return; }  // no LMS: the course as on the web
    var current = session(link, settings), done = false;
    window.courseLMS = current;
    window.addEventListener("pagehide", function () { if (!done) { done = true; current.finish(); } });
    current.restore(function (page) { document.getElementById("course").src = page; });
  }

  function coursePage() {
    var current = null;
    try { current = window.parent !== window ? window.parent.courseLMS : null; } catch (e) { /* a foreign parent */ }
    if (!current) return;
    current.visit(window.location.href);
    /* When the learner started on each item (first focus or input in its form) and last changed it:
       an interaction's timestamp and latency. A scored attempt reports every answer at the end. */
    var first = {}, last = {};
    function touched(e) {
      var form = e.target && e.target.closest && e.target.closest("form.quiz-question");
      if (!form) return;
      var id = form.dataset.questionId, now = Date.now();
      if (!first[id]) first[id] = now;
      if (e.type !== "focusin") last[id] = now;
    }
    ["focusin", "input", "change"].forEach(function (type) { document.addEventListener(type, touched, true); });
    document.addEventListener("course:answer", function (e) {
      var d = e.detail || {}, at = d.graded ? last[d.id] : Date.now();
      current.answered({ id: d.id, right: d.right, response: d.response, graded: d.graded, started: first[d.id], at: at });
      if (!d.graded) delete first[d.id];  // "Try again" starts the clock afresh
    });
    document.addEventListener("course:assessment", function (e) { current.assessed(e.detail); });
  }

  if (document.documentElement.hasAttribute("data-lms-standard")) launch(); else coursePage();
})();
