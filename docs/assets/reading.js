/* Reading aids: a table that scrolls says so, and an abbreviation explains itself on tap or
   focus. Vanilla, deferred; nothing here runs until the reader needs it, and no element is added
   to a page before then (pages stay within their element budget). */
(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var script = document.currentScript && document.currentScript.src;
  var ROOT = script ? script.replace(/assets\/reading\.js(\?.*)?$/, "") : "../";

  /* --- tables that scroll ------------------------------------------------------------------ */

  /* A scrolling table's region is named after its own table: the name its template gives
     (data-table-name), its caption, else the heading above it, numbered when one heading has
     several; two landmarks of a page never share a name. */
  function tableName(w) {
    var given = w.closest("[data-table-name]"), caption = w.querySelector("caption");
    var name = given ? given.getAttribute("data-table-name") : caption && caption.textContent.trim();
    if (!name) {
      var node = w, heading = null;
      while (node && !heading && !node.classList.contains("md-content__inner")) {
        for (heading = node.previousElementSibling; heading && !/^H[1-6]$/.test(heading.tagName); ) heading = heading.previousElementSibling;
        node = node.parentElement;
      }
      name = heading ? "Table: " + heading.textContent.trim() : "Table";
    }
    var taken = {}, n = 1, label = name;
    each(document.querySelectorAll("[role=region][aria-label]"), function (r) { if (r !== w) taken[r.getAttribute("aria-label")] = true; });
    while (taken[label + "; scrolls sideways"] || taken[label + "; scrolls"]) label = name + " (" + (++n) + ")";
    return label;
  }

  /* A table larger than its box (wider than the screen, or taller than it) scrolls inside
     Material's wrapper; it then says so to assistive technology (a named, focusable region) and,
     when it scrolls sideways, to the eye (a cue line). Sizes are read by a ResizeObserver, when
     the browser lays the page out anyway: reading them here would force an extra layout. */
  var seen = window.ResizeObserver && new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var w = entry.target, wide = w.scrollWidth > w.clientWidth + 1, tall = w.scrollHeight > w.clientHeight + 1;
      if (w.hasAttribute("role") || !(wide || tall)) return;
      w.setAttribute("role", "region"); w.setAttribute("tabindex", "0");
      w.setAttribute("aria-label", tableName(w) + (wide ? "; scrolls sideways" : "; scrolls"));
      if (!wide) return;
      var cue = document.createElement("p");
      cue.className = "table-cue"; cue.setAttribute("aria-hidden", "true");
      cue.textContent = "The table scrolls sideways →; each row's label and the header stay in view.";
      w.parentNode.insertBefore(cue, w);
    });
  });
  function watchTables(root) {
    if (!seen) return;
    each(root.querySelectorAll(".md-typeset__scrollwrap:not([data-watched])"), function (w) {
      w.setAttribute("data-watched", ""); seen.observe(w);
    });
  }
  /* Tables the course script draws later (progress, assessment results) are watched too. */
  var later = window.MutationObserver && new MutationObserver(function () { watchTables(document); });

  /* --- abbreviations ----------------------------------------------------------------------- */

  /* Each abbreviation keeps its title (the expansion, as Markdown writes it). A tap, a click or
     keyboard focus shows the expansion in one small popover beside it, with its glossary entry a
     step away; Escape, the close button or a tap elsewhere dismiss it. The first use of each
     abbreviation on a page is a tab stop (every use would bury the self-checks under dozens). */
  var pop = null, shownFor = null, glossary = null;
  var INSIDE_CONTROL = "a, button, label, summary, select, input, textarea";

  function explainable(abbr) {
    return abbr.hasAttribute("title") && abbr.closest(".md-content") && !abbr.closest(INSIDE_CONTROL);
  }
  function tabStops() {
    var first = {};
    each(document.querySelectorAll(".md-content abbr[title]"), function (a) {
      var key = a.textContent.trim();
      if (first[key] || !explainable(a)) return;
      first[key] = true;
      a.setAttribute("tabindex", "0");
    });
  }

  function glossaryLinks() {  // {"CRS": "glossary/#crs"}, from the course manifest: fetched on first use
    return glossary || (glossary = fetch(ROOT + "assets/course.json").then(function (r) { return r.json(); })
      .then(function (c) { return c.abbreviations || {}; }).catch(function () { glossary = null; return {}; }));
  }

  function popover() {
    if (pop) return pop;
    pop = document.createElement("div");
    pop.className = "abbr-pop"; pop.id = "abbr-pop"; pop.hidden = true;
    pop.setAttribute("role", "status");  // polite: the expansion is read out when it appears
    pop.innerHTML = '<strong></strong><span></span> <a>Glossary entry</a><button type="button" class="abbr-pop-close" aria-label="Close">×</button>';
    pop.querySelector("button").addEventListener("click", function () { hide(true); });
    pop.addEventListener("focusout", function (e) { if (!pop.contains(e.relatedTarget) && e.relatedTarget !== shownFor) hide(false); });
    document.body.appendChild(pop);
    return pop;
  }

  function place(abbr) {
    var r = abbr.getBoundingClientRect(), gap = 6, margin = 8;
    var width = pop.offsetWidth, height = pop.offsetHeight, vw = document.documentElement.clientWidth;
    var left = Math.max(margin, Math.min(r.left, vw - width - margin));
    var below = r.bottom + gap + height <= window.innerHeight || r.top - gap - height < 0;
    pop.style.left = left + window.scrollX + "px";
    pop.style.top = (below ? r.bottom + gap : r.top - gap - height) + window.scrollY + "px";
  }

  function show(abbr) {
    var p = popover(), term = abbr.textContent.trim(), link = p.querySelector("a");
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = abbr;
    p.querySelector("strong").textContent = "";  // emptied first: a live region speaks a change
    p.querySelector("span").textContent = "";
    link.hidden = true;  // until the manifest says where this term's entry is
    p.hidden = false;
    abbr.setAttribute("aria-describedby", p.id);
    place(abbr);
    setTimeout(function () {
      if (shownFor !== abbr) return;
      p.querySelector("strong").textContent = term;
      p.querySelector("span").textContent = ": " + abbr.getAttribute("title");
      place(abbr);
    }, 30);
    glossaryLinks().then(function (links) {
      if (!links[term] || shownFor !== abbr) return;
      link.setAttribute("href", ROOT + links[term]); link.hidden = false; place(abbr);
    });
  }

  function hide(refocus) {
    if (!pop || pop.hidden) return;
    var was = shownFor;
    pop.hidden = true; shownFor = null;
    if (was) { was.removeAttribute("aria-describedby"); if (refocus && was.tabIndex === 0) was.focus({ preventScroll: true }); }
  }

  document.addEventListener("click", function (e) {
    var abbr = e.target.closest && e.target.closest("abbr[title]");
    if (abbr && explainable(abbr)) { if (shownFor !== abbr) show(abbr); return; }
    if (pop && !pop.contains(e.target)) hide(false);
  });
  document.addEventListener("focusin", function (e) {
    var abbr = e.target;
    if (abbr.tagName === "ABBR" && explainable(abbr) && shownFor !== abbr) show(abbr);
  });
  document.addEventListener("focusout", function (e) {
    if (e.target === shownFor && !(pop && pop.contains(e.relatedTarget))) hide(false);
  });
  /* Popover and abbreviation part when a table under them scrolls: close it. */
  document.addEventListener("scroll", function (e) {
    if (shownFor && e.target !== document && e.target.contains && e.target.contains(shownFor)) hide(false);
  }, { capture: true, passive: true });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && pop && !pop.hidden) { hide(pop.contains(document.activeElement) || document.activeElement === shownFor); }
    else if ((e.key === "Enter" || e.key === " ") && e.target.tagName === "ABBR" && e.target === shownFor) { e.preventDefault(); }
  });

  function init() {
    hide(false);  // instant navigation: the popover belonged to the last page
    watchTables(document);
    var content = document.querySelector(".md-content");
    if (later && content) { later.disconnect(); later.observe(content, { childList: true, subtree: true }); }
    tabStops();
  }
  window.cartCourseReading = { watchTables: watchTables };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
