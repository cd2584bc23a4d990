/* The rules of review and mastery, as pure functions over the learner's review logs (store.js)
   and the bank's index (assets/review.json). Loaded on demand after ts-fsrs (window.FSRS), which
   computes every memory state, interval and recall probability with FSRS's published default
   parameters (FSRS-6 weights, 90% desired retention, no fuzz).

   Whole days: a log holds one rating per calendar day, so each review after the first comes a
   whole number of days after the one before, and an item is due from the start of its due day.
   Each review's interval is FSRS's own for the rating given (ts-fsrs's next_interval of the new
   stability), as the Python reference (PyPI fsrs, no learning steps) computes it: the browser
   test replays the same logs in both and compares the due days. */
(function () {
  "use strict";
  var fsrs = window.FSRS.fsrs(); // defaults: the published parameters
  var SECURE_RECALL = 0.9, SECURE_RIGHT_DAYS = 2;

  /* Replay a log ([[day, rating], ...], one per day, in order) into the item's memory state. */
  function card(log) {
    var memory = null, last = null, interval = 0, rightDays = 0;
    log.forEach(function (entry) {
      var elapsed = last === null ? 0 : entry[0] - last;
      memory = fsrs.next_state(memory, elapsed, entry[1]);
      interval = fsrs.next_interval(memory.stability, elapsed);
      last = entry[0];
      if (entry[1] > 1) rightDays++;
    });
    return { stability: memory.stability, difficulty: memory.difficulty, last: last,
             due: last + interval, reviews: log.length, rightDays: rightDays };
  }
  function recall(c, day) { return fsrs.forgetting_curve(Math.max(0, day - c.last), c.stability); }

  /* Every bank item the learner has met, with its schedule. An item saved only under an older
     content hash was edited since: it starts afresh (new, due now) and says so. Items never
     answered are not here, so they can never be due. */
  function entries(progress, index) {
    var met = {};
    Object.keys(progress).forEach(function (key) {
      var at = key.lastIndexOf("@");
      (met[key.slice(0, at)] = met[key.slice(0, at)] || {})[key.slice(at + 1)] = progress[key];
    });
    return Object.keys(index.items).filter(function (id) { return met[id]; }).map(function (id) {
      var item = index.items[id], record = met[id][item.hash], c = record ? card(record.r) : null;
      return { id: id, key: id + "@" + item.hash, family: item.family, module: item.module,
               objective: item.objective, card: c, edited: !record, due: c ? c.due : 0 };
    });
  }
  function dueOn(list, day) { return list.filter(function (e) { return e.due <= day; }); }

  /* Due items in the order the Review page asks them: never two of one family in a row, and
     modules mixed. At each step the family with most items left goes first (so an arrangement is
     found whenever one exists), then an item from another module than the last, then the module
     with most items left, then the longest overdue. Items of one family that cannot be kept apart
     are held back for another day. */
  function interleave(due) {
    var left = due.slice().sort(function (a, b) { return a.due - b.due || (a.id < b.id ? -1 : 1); });
    var queue = [];
    function count(field) {
      var n = {};
      left.forEach(function (e) { n[e[field]] = (n[e[field]] || 0) + 1; });
      return n;
    }
    while (left.length) {
      var prev = queue[queue.length - 1], families = count("family"), modules = count("module"), best = -1, bestRank = null;
      left.forEach(function (e, i) {
        if (prev && e.family === prev.family) return;
        var rank = [families[e.family], prev && e.module !== prev.module ? 1 : 0, modules[e.module]];
        if (bestRank === null || rank[0] > bestRank[0] || (rank[0] === bestRank[0] && (rank[1] > bestRank[1] ||
            (rank[1] === bestRank[1] && rank[2] > bestRank[2])))) { best = i; bestRank = rank; }
      });
      if (best < 0) break;
      queue.push(left.splice(best, 1)[0]);
    }
    return { queue: queue, held: left };
  }

  /* Days after `day` on which items fall due, with how many: [[day, count], ...] in order. */
  function upcoming(list, day) {
    var n = {};
    list.forEach(function (e) { if (e.due > day) n[e.due] = (n[e.due] || 0) + 1; });
    return Object.keys(n).map(Number).sort(function (a, b) { return a - b; }).map(function (d) { return [d, n[d]]; });
  }

  /* One objective's state: "none" (no question in the bank asks about it), "not-started",
     "practising" or "secure". Its items are its module's self-checks for it and every other item
     on it the learner has met (final assessment); secure when each was answered right on at least
     two different days (its current version) and FSRS puts its recall today above 90%. */
  function objectiveState(checks, metOnIt, asked, byId, day) {
    var ids = checks.slice();
    metOnIt.forEach(function (e) { if (ids.indexOf(e.id) < 0) ids.push(e.id); });
    if (!ids.length) return asked ? "not-started" : "none";
    if (!ids.some(function (id) { return byId[id]; })) return "not-started";
    var secure = ids.every(function (id) {
      var e = byId[id];
      return e && e.card && e.card.rightDays >= SECURE_RIGHT_DAYS && recall(e.card, day) > SECURE_RECALL;
    });
    return secure ? "secure" : "practising";
  }
  /* {module id: [{text, state}, ...]} for every module's objectives, in course order. */
  function mastery(list, index, day) {
    var byId = {}, out = {}, asked = {};
    list.forEach(function (e) { byId[e.id] = e; });
    Object.keys(index.items).forEach(function (id) { asked[index.items[id].module + " " + index.items[id].objective] = true; });
    Object.keys(index.objectives).forEach(function (m) {
      out[m] = index.objectives[m].map(function (o, n) {
        var metOnIt = list.filter(function (e) { return e.module === m && e.objective === n; });
        return { text: o.text, state: objectiveState(o.checks, metOnIt, asked[m + " " + n], byId, day) };
      });
    });
    return out;
  }

  window.cartSchedule = { card: card, recall: recall, entries: entries, dueOn: dueOn, interleave: interleave,
    upcoming: upcoming, mastery: mastery, SECURE_RECALL: SECURE_RECALL, SECURE_RIGHT_DAYS: SECURE_RIGHT_DAYS };
})();
