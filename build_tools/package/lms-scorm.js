/* LMS transports: present only in SCORM packages, loaded by the launch page before lms.js.

   A transport offers lms.js four calls (connect, load, save, finish) over one standard's API:
   SCORM 1.2 (window.API) or SCORM 2004 (window.API_1484_11), found by the standard bounded walk up
   the parent frames and then the opener's chain. Each standard's element names, vocabularies and
   time formats live in its table below; a cmi5/xAPI transport would offer the same four calls. */
(function () {
  "use strict";
  function log(message) { try { console.warn("LMS: " + message); } catch (e) { /* no console */ } }

  /* --- finding the API: the standard bounded walk up parents, then the opener's chain ---------- */
  function search(win, name) {
    for (var hops = 0; win && hops < 10; hops++) {  // 10 levels is beyond any real LMS frame nesting
      try { if (win[name]) return win[name]; } catch (e) { /* a cross-origin frame: keep climbing */ }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function findApi(name) {
    var found = search(window, name);
    try { found = found || (window.opener && search(window.opener, name)); } catch (e) { /* closed opener */ }
    try { found = found || (window.top.opener && search(window.top.opener, name)); } catch (e) { /* cross-origin */ }
    return found || null;
  }

  /* --- SCORM transports: the same calls, different names and data models ---------------------- */
  var SCORM = {
    scorm12: {
      api: "API", init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
      finish: "LMSFinish", lastError: "LMSGetLastError", errorText: "LMSGetErrorString",
      suspend: "cmi.suspend_data", location: "cmi.core.lesson_location", exit: "cmi.core.exit",
      sessionTime: "cmi.core.session_time", raw: "cmi.core.score.raw", suspendLimit: 4096,
      time: function (s) { return pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60); },
      begin: function (lms) {
        var status = lms.get("cmi.core.lesson_status");
        if (status === "not attempted" || status === "") lms.set("cmi.core.lesson_status", "incomplete");
      },
      progress: function () { /* SCORM 1.2 has no progress measure: suspend data carries it */ },
      score: function (lms, percent, passed) {
        lms.set("cmi.core.score.min", "0");
        lms.set("cmi.core.score.max", "100");
        lms.set("cmi.core.score.raw", String(percent));
        lms.set("cmi.core.lesson_status", passed ? "passed" : "failed");
      },
      /* one answer (x: see session.answered) as cmi.interactions.n (RTE 3.4.2.7: no description) */
      interaction: function (lms, p, x) {
        lms.set(p + "id", x.id);
        lms.set(p + "objectives.0.id", x.objective);
        lms.set(p + "time", clock(x.started));
        lms.set(p + "type", x.type);
        lms.set(p + "correct_responses.0.pattern", x.correct);
        lms.set(p + "weighting", "1");
        lms.set(p + "student_response", x.response);
        lms.set(p + "result", x.result);
        if (x.latency != null) lms.set(p + "latency", span(x.latency, ":", ":", "", true));
      },
      objective: function (lms, p, o) {
        if (o.percent == null) { lms.set(p + "status", "not attempted"); return; }
        lms.set(p + "score.min", "0");
        lms.set(p + "score.max", "100");
        lms.set(p + "score.raw", String(o.percent));
        lms.set(p + "status", o.passed ? "passed" : "failed");
      }
    },
    scorm2004: {
      api: "API_1484_11", init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit",
      finish: "Terminate", lastError: "GetLastError", errorText: "GetErrorString",
      suspend: "cmi.suspend_data", location: "cmi.location", exit: "cmi.exit",
      // 4th edition stores 64,000 characters, but 2nd and 3rd edition LMSs only 4,000: stay within those
      sessionTime: "cmi.session_time", raw: "cmi.score.raw", suspendLimit: 4000,
      time: function (s) { return "PT" + Math.floor(s / 3600) + "H" + Math.floor(s / 60) % 60 + "M" + s % 60 + "S"; },
      begin: function (lms) {
        var status = lms.get("cmi.completion_status");
        if (status === "unknown" || status === "not attempted" || status === "") lms.set("cmi.completion_status", "incomplete");
      },
      progress: function (lms, answered, total) {
        if (total) lms.set("cmi.progress_measure", String(Math.round(1000 * answered / total) / 1000));
      },
      score: function (lms, percent, passed) {
        lms.set("cmi.score.min", "0");
        lms.set("cmi.score.max", "100");
        lms.set("cmi.score.raw", String(percent));
        lms.set("cmi.score.scaled", String(percent / 100));
        lms.set("cmi.completion_status", "completed");  // an assessed course is complete; success is separate
        lms.set("cmi.success_status", passed ? "passed" : "failed");
      },
      interaction: function (lms, p, x) {  // RTE 4.2.9: id first, type before the responses
        lms.set(p + "id", x.id);
        lms.set(p + "type", x.type);
        lms.set(p + "objectives.0.id", x.objective);
        lms.set(p + "timestamp", new Date(x.started).toISOString());
        lms.set(p + "correct_responses.0.pattern", x.correct);
        lms.set(p + "weighting", "1");
        lms.set(p + "learner_response", x.response);
        lms.set(p + "result", x.result);
        if (x.latency != null) lms.set(p + "latency", "PT" + span(x.latency, "H", "M", "S", false));
        if (x.description) lms.set(p + "description", x.description);
      },
      objective: function (lms, p, o) {
        if (o.description) lms.set(p + "description", o.description);
        if (o.percent == null) { lms.set(p + "success_status", "unknown"); lms.set(p + "completion_status", "not attempted"); return; }
        lms.set(p + "score.min", "0");
        lms.set(p + "score.max", "100");
        lms.set(p + "score.raw", String(o.percent));
        lms.set(p + "score.scaled", String(o.percent / 100));
        lms.set(p + "success_status", o.passed ? "passed" : "failed");
        lms.set(p + "completion_status", "completed");  // assessed by at least one answer
      }
    }
  };
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function span(s, h, m, end, padded) {  // seconds as HH:MM:SS.SS (1.2) or #H#M#.##S (2004)
    var sec = Number((s % 60).toFixed(2)), hours = Math.floor(s / 3600), minutes = Math.floor(s / 60) % 60;
    return padded ? pad(hours) + h + pad(minutes) + m + (sec < 10 ? "0" : "") + sec.toFixed(2) + end : hours + h + minutes + m + sec + end;
  }
  function clock(ms) { var d = new Date(ms); return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()); }

  function scormTransport(spec) {
    var api = null, live = false;
    function code() { try { return String(api[spec.lastError]()); } catch (e) { return "?"; } }
    function failed(what) {
      var c = code(), text = "";
      try { text = api[spec.errorText](c); } catch (e) { /* no text */ }
      log(what + " failed: error " + c + (text ? " (" + text + ")" : ""));
    }
    function call(name, args, what) {
      try {
        var result = api[name].apply(api, args || []);
        if (String(result) === "true") return true;
      } catch (e) { log(what + " threw: " + e); return false; }
      failed(what);
      return false;
    }
    var lms = {
      get: function (element) {
        try {
          var value = api[spec.get](element), c = code();
          if (c !== "0" && c !== "403") failed("GetValue(" + element + ")");  // 403: not set yet (2004)
          return value == null ? "" : String(value);
        } catch (e) { log("GetValue(" + element + ") threw: " + e); return ""; }
      },
      set: function (element, value) { return call(spec.set, [element, value], "SetValue(" + element + ")"); }
    };
    var objectives = {}, objectiveCount = 0, written = {};  // objective id -> index; what was last set
    return {
      suspendLimit: spec.suspendLimit,
      connect: function () {
        api = findApi(spec.api);
        live = !!api && call(spec.init, [""], spec.init);
        if (live) spec.begin(lms);
        return live;
      },
      load: function () {
        var raw = parseFloat(lms.get(spec.raw));
        // Objectives the LMS already holds (an earlier session's, or a 2004 manifest's) keep their place.
        objectiveCount = parseInt(lms.get("cmi.objectives._count"), 10) || 0;
        for (var i = 0; i < objectiveCount; i++) objectives[lms.get("cmi.objectives." + i + ".id")] = i;
        return { suspend: lms.get(spec.suspend), location: lms.get(spec.location), best: isNaN(raw) ? null : raw,
                 interactions: parseInt(lms.get("cmi.interactions._count"), 10) || 0 };
      },
      /* record: {location, suspend (or null: keep), answered, total, score: {percent, passed} or null, seconds} */
      save: function (record) {
        if (!live) return false;
        if (record.location) lms.set(spec.location, record.location);
        if (record.suspend != null) lms.set(spec.suspend, record.suspend);
        spec.progress(lms, record.answered, record.total);
        if (record.score) spec.score(lms, record.score.percent, record.score.passed);
        (record.interactions || []).forEach(function (x) { spec.interaction(lms, "cmi.interactions." + x.n + ".", x); });
        (record.objectives || []).forEach(function (o) {
          var state = JSON.stringify(o);
          if (written[o.id] === state) return;  // unchanged since this session last set it
          var n = objectives[o.id];
          if (n === undefined) { n = objectives[o.id] = objectiveCount++; lms.set("cmi.objectives." + n + ".id", o.id); }
          spec.objective(lms, "cmi.objectives." + n + ".", o);
          written[o.id] = state;
        });
        lms.set(spec.exit, "suspend");  // the next launch resumes this attempt, with its suspend data
        lms.set(spec.sessionTime, spec.time(record.seconds));
        return call(spec.commit, [""], spec.commit);
      },
      finish: function (record) {
        if (!live) return;
        this.save(record);
        live = false;
        call(spec.finish, [""], spec.finish);
      }
    };
  }
  var TRANSPORTS = { scorm12: function () { return scormTransport(SCORM.scorm12); },
                     scorm2004: function () { return scormTransport(SCORM.scorm2004); } };

  window.courseLMSTransports = TRANSPORTS;
})();
