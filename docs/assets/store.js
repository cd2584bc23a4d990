/* The learner's saved state, in localStorage under versioned keys, and the file that carries it
   from one browser to another. Loaded before quiz.js and course.js, which read and write through it.

   Progress (v2): {"<item id>@<content hash>": {topic, right, a, r}}; `r` is the item's review log,
   [[day, rating], ...], one entry per calendar day (the first answer of a day is that day's
   review; FSRS ratings 1 Again, 2 Hard, 3 Good, 4 Easy), from which the review schedule is
   computed (schedule.js). v1 records had no log: the migration keeps each one and dates its answer
   the day of the upgrade. A blocked, full or corrupt store never breaks a page: reads fall back to
   nothing, failed writes leave the page working. */
(function () {
  "use strict";
  var KEY = "cart-course:progress:v2", V1 = "cart-course:progress:v1";
  var ATTEMPTS = "cart-course:assessment:v1", PLACE = "cart-course:place:v1", NAME = "cart-course:name:v1";
  var FORMAT = "cart-course-progress"; // the export file says what it is

  function storage() { try { return window.localStorage; } catch (e) { return null; } } // blocked: the getter throws
  function raw(key) { try { var s = storage(); return s ? s.getItem(key) : null; } catch (e) { return null; } }
  function parse(text) {
    try { var d = JSON.parse(text || "null"); return d && typeof d === "object" && !Array.isArray(d) ? d : null; }
    catch (e) { return null; } // corrupt JSON: start empty
  }
  function read(key) { return parse(raw(key)); }
  /* false when the browser keeps nothing (storage blocked, full, or a quota error) */
  function write(key, value) {
    try { storage().setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }
  function remove(key) { try { storage().removeItem(key); } catch (e) { /* blocked storage holds nothing */ } }
  function announce(name, detail) {
    try { document.dispatchEvent(new CustomEvent(name, { detail: detail || {} })); } catch (e) { /* nothing listens */ }
  }

  /* The learner's calendar day as a whole number (days since 1970-01-01 in local time): reviews
     are scheduled in days, and a day starts at the learner's own midnight. */
  function dayOf(date) { return Math.floor(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) / 864e5); }
  function today() { return dayOf(new Date()); }

  var RIGHT = 3, WRONG = 1; // FSRS Good and Again

  /* A log as the rules want it, whatever was stored: [day, rating] pairs of whole numbers, rating
     1-4, in day order, the first entry of a day kept. */
  function cleanLog(log) {
    var out = [];
    (Array.isArray(log) ? log : []).filter(function (e) {
      return Array.isArray(e) && Number.isInteger(e[0]) && [1, 2, 3, 4].indexOf(e[1]) >= 0;
    }).sort(function (a, b) { return a[0] - b[0]; }).forEach(function (e) {
      if (!out.length || out[out.length - 1][0] !== e[0]) out.push([e[0], e[1]]);
    });
    return out;
  }
  /* An answer enters the log only as the first of its day; a clock set back never rewrites it. */
  function logAnswer(log, day, right) {
    var out = cleanLog(log), last = out[out.length - 1];
    if (!last || day > last[0]) out.push([day, right ? RIGHT : WRONG]);
    return out;
  }
  /* After a right answer the learner may call it hard (2) or easy (4), or good again (3): only
     today's entry, and only when it was right. Returns null when that is not allowed. */
  function rateLog(log, day, rating) {
    var out = cleanLog(log), last = out[out.length - 1];
    if (!last || last[0] !== day || last[1] === WRONG || [2, 3, 4].indexOf(rating) < 0) return null;
    last[1] = rating;
    return out;
  }

  /* A stored record as the page wants it, or null; `day` dates a record without a log. */
  function cleanRecord(v, day) {
    if (!v || typeof v !== "object" || typeof v.topic !== "string") return null;
    var r = cleanLog(v.r), out = {};
    for (var k in v) out[k] = v[k]; // fields other scripts keep (an LMS adapter's, say) stay
    out.right = v.right === true;
    out.r = r.length ? r : [[day, out.right ? RIGHT : WRONG]];
    return out;
  }
  function cleanProgress(p, day) {
    var out = {};
    Object.keys(p || {}).forEach(function (k) { var v = cleanRecord(p[k], day); if (v && k.indexOf("@") > 0) out[k] = v; });
    return out;
  }

  /* Progress, migrated from v1 on first use: every v1 answer kept, its log started the day of the
     upgrade. The v1 key goes only once v2 is written, so a full store loses nothing. A record that
     came without a log (an LMS's suspend data had no room for it) is dated once, and kept so. */
  function load() {
    var stored = read(KEY), day = today();
    if (stored === null && raw(KEY) === null) {
      var old = read(V1);
      if (!old) return {};
      var migrated = cleanProgress(old, day);
      if (write(KEY, migrated)) remove(V1);
      return migrated;
    }
    var p = cleanProgress(stored, day);
    if (Object.keys(p).some(function (k) { return !Array.isArray(stored[k].r) || !stored[k].r.length; })) write(KEY, p);
    return p;
  }
  function save(p) { return write(KEY, p); }

  /* The record of a new answer: the old record's log goes on (quiz.js calls this). */
  function answered(old, fresh) {
    var out = {};
    for (var k in fresh) out[k] = fresh[k];
    out.r = logAnswer(old && old.r, today(), fresh.right === true);
    return out;
  }
  function rate(key, rating) {
    var p = load(), v = p[key], log = v && rateLog(v.r, today(), rating);
    if (!log) return false;
    v.r = log;
    save(p);
    announce("course:store", { key: key });
    return true;
  }

  /* --- the progress file: everything this browser holds for the course ------------------------ */
  function attempts(a) {
    a = a && typeof a === "object" ? a : {};
    var history = (Array.isArray(a.history) ? a.history : []).filter(function (h) {
      return h && typeof h.date === "string" && typeof h.right === "number" && typeof h.total === "number";
    }).map(function (h) { return { date: h.date, right: h.right, total: h.total, passed: h.passed === true }; });
    var out = { history: history };
    if (a.last && typeof a.last.date === "string" && Array.isArray(a.last.ids)) out.last = a.last;
    if (a.current && Array.isArray(a.current.ids)) out.current = a.current;
    return out;
  }
  function exportData(course) {
    var a = attempts(read(ATTEMPTS));
    delete a.current; // an attempt in progress stays where it is being taken
    return {
      format: FORMAT, version: 2, exported: new Date().toISOString(),
      course: course ? { title: course.title, version: course.version } : undefined,
      progress: load(), attempts: a, name: (read(NAME) || {}).name || "", place: read(PLACE)
    };
  }

  /* Two records of one item: the logs joined (this browser's entry wins a day both hold), the
     answer shown taken from the side that answered last. */
  function mergeRecord(mine, theirs) {
    if (!mine) return theirs;
    var days = {}, log = [];
    mine.r.concat(theirs.r).forEach(function (e) { if (!(e[0] in days)) { days[e[0]] = true; log.push(e); } });
    var newer = theirs.r[theirs.r.length - 1][0] > mine.r[mine.r.length - 1][0] ? theirs : mine, out = {};
    for (var k in newer) out[k] = newer[k];
    out.r = cleanLog(log);
    return out;
  }
  function mergeAttempts(mine, theirs) {
    var seen = {}, history = [];
    mine.history.concat(theirs.history).forEach(function (h) {
      var id = h.date + "|" + h.right + "|" + h.total;
      if (!seen[id]) { seen[id] = true; history.push(h); }
    });
    history.sort(function (x, y) { return x.date < y.date ? -1 : x.date > y.date ? 1 : 0; });
    var out = { history: history.slice(-50) }, last = [mine.last, theirs.last].filter(Boolean)
      .sort(function (x, y) { return x.date < y.date ? 1 : -1; })[0];
    if (last) out.last = last;
    if (mine.current) out.current = mine.current;
    return out;
  }

  /* Merge a progress file into this browser: nothing held here is lost, nothing in the file is
     dropped. Accepts this version's file and v1's (the bare progress map). Returns what came in;
     throws on anything else. */
  function importData(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not a progress file");
    var v2 = data.format === FORMAT, day = today();
    var incoming = cleanProgress(v2 ? data.progress : data, day);
    var theirs = attempts(v2 ? data.attempts : null);
    if (!Object.keys(incoming).length && !theirs.history.length) throw new Error("not a progress file");
    var p = load(), added = 0;
    Object.keys(incoming).forEach(function (k) { if (!p[k]) added++; p[k] = mergeRecord(p[k], incoming[k]); });
    var a = mergeAttempts(attempts(read(ATTEMPTS)), theirs);
    var saved = save(p) && write(ATTEMPTS, a);
    var name = v2 && typeof data.name === "string" ? data.name : "";
    if (name && !(read(NAME) || {}).name) write(NAME, { name: name });
    if (v2 && data.place && !read(PLACE)) write(PLACE, data.place);
    announce("course:store", {});
    return {
      answers: Object.keys(incoming).length, added: added, attempts: theirs.history.length,
      passed: theirs.history.filter(function (h) { return h.passed; }).length, saved: saved
    };
  }

  function clear() {
    [KEY, V1, ATTEMPTS, PLACE, NAME].forEach(remove);
    announce("course:store", {});
  }

  window.cartStore = {
    KEY: KEY, ATTEMPTS: ATTEMPTS, PLACE: PLACE, NAME: NAME,
    read: read, write: write, load: load, save: save, answered: answered, rate: rate, clear: clear,
    exportData: exportData, importData: importData, today: today, dayOf: dayOf,
    rules: { cleanLog: cleanLog, logAnswer: logAnswer, rateLog: rateLog, mergeRecord: mergeRecord }
  };
})();
