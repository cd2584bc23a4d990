"""The SCORM packages in a real LMS frame: scorm-again plays the LMS (window.API for SCORM 1.2,
window.API_1484_11 for 2004) in a host page that loads the package in an iframe, as an LMS does."""

from __future__ import annotations

import json
import re
import shutil
import time
import zipfile

import pytest
from answering import answer
from links import broken_links
from packagehelpers import STANDARDS, package, scorm_again, unzip
from playwright.sync_api import expect

KEY = "cart-course:progress:v2"

# A line that ends in a backslash goes on in the next: the page has no line break there.
HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm-again.min.js"></script>
<script>
  var seed = window.LMS_SEED;  // set by the test: standard, scorm-again settings, stored CMI data
  var lms = seed.standard === "scorm2004" ? new Scorm2004API(seed.settings) \
: new Scorm12API(seed.settings);
  if (seed.cmi) lms.loadFromFlattenedJSON(seed.cmi);
  window[seed.standard === "scorm2004" ? "API_1484_11" : "API"] = lms;
</script></head>
<body><iframe id="sco" title="Course" src="SRC" \
style="width:100%;height:95vh;border:0"></iframe></body></html>
"""

# Where each standard keeps what the adapter records (read straight from scorm-again's CMI object).
FIELDS = {
    "scorm12": {
        "location": "cmi.core.lesson_location",
        "suspend": "cmi.suspend_data",
        "raw": "cmi.core.score.raw",
        "min": "cmi.core.score.min",
        "max": "cmi.core.score.max",
        "status": "cmi.core.lesson_status",
        "exit": "cmi.core.exit",
        "time": "cmi.core.session_time",
    },
    "scorm2004": {
        "location": "cmi.location",
        "suspend": "cmi.suspend_data",
        "raw": "cmi.score.raw",
        "min": "cmi.score.min",
        "max": "cmi.score.max",
        "scaled": "cmi.score.scaled",
        "completion": "cmi.completion_status",
        "success": "cmi.success_status",
        "progress": "cmi.progress_measure",
        "exit": "cmi.exit",
        "time": "cmi.session_time",
    },
}


@pytest.fixture(scope="module")
def lms(tmp_path_factory, serve):
    """A served folder: the host pages, scorm-again, and each package unzipped under its
    standard."""
    root = tmp_path_factory.mktemp("lms")
    shutil.copy(scorm_again(), root / "scorm-again.min.js")
    for standard in STANDARDS:
        unzip(package(standard), root / standard)
        (root / f"{standard}.html").write_text(HOST.replace("SRC", f"{standard}/lms-launch.html"))
    return serve(root, "/lms/")


def follow(link) -> None:
    """Click a link of the course's navigation; one in a collapsed section (the module list
    opens only on its own pages) is followed as the learner would after opening the section."""
    if link.is_visible():
        link.click()
    else:
        link.evaluate("a => { window.location.href = a.href; }")


class Session:
    """One LMS launch: a browser context, the host page, the course frame inside the package
    frame."""

    def __init__(
        self,
        browser,
        base: str,
        standard: str,
        settings: dict | None = None,
        cmi: dict | None = None,
    ):
        self.standard, self.base = standard, base
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        seed = {"standard": standard, "settings": {"logLevel": 5, **(settings or {})}, "cmi": cmi}
        self.page.add_init_script(f"window.LMS_SEED = {json.dumps(seed)};")
        self.page.goto(f"{base}{standard}.html")

    def frame(self, path: str, timeout: float = 20):
        """The course frame once it shows `path` (a page of the package)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for frame in self.page.frames:
                if frame.url.split("#")[0].endswith(f"/{self.standard}/{path}"):
                    frame.wait_for_load_state()
                    return frame
            self.page.wait_for_timeout(100)
        raise AssertionError(f"the course never showed {path}: {[f.url for f in self.page.frames]}")

    def go(self, path: str):
        # links are relative: "x.html" beside it, "modules/x.html" from the top
        name = path.rsplit("/", 1)[-1]
        follow(
            self.course.locator(
                f"nav.md-nav--primary a[href='{name}'], nav.md-nav--primary a[href$='/{name}']"
            ).first
        )
        self.course = self.frame(path)
        self.wait(lambda: self.cmi("location") == path, f"location {path}")
        # course.js has its course.json and bank: forms are wired
        self.course.wait_for_load_state("networkidle")
        return self.course

    def cmi(self, name: str):
        """A value as the LMS receives it on commit (scorm-again's renderCommitCMI; some are
        write-only)."""
        path = FIELDS[self.standard][name]
        return self.page.evaluate(
            "p => p.split('.').reduce((o, k) => o[k], lms.renderCommitCMI(true))", path
        )

    def wait(self, condition, what: str, timeout: float = 10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"the LMS never recorded {what}")

    def stored(self) -> dict:
        """What the next launch starts from: the CMI data an LMS keeps between sessions."""
        names = ["location", "suspend", "raw"] + (
            ["status"] if self.standard == "scorm12" else ["completion", "success"]
        )
        data = {FIELDS[self.standard][n]: self.cmi(n) for n in names}
        data["cmi.core.entry" if self.standard == "scorm12" else "cmi.entry"] = "resume"
        return {k: v for k, v in data.items() if v not in ("", None)}

    def leave(self):
        """The LMS closes the course (the frame goes away): the adapter terminates on pagehide."""
        self.page.evaluate("document.getElementById('sco').remove()")
        self.wait(lambda: self.page.evaluate("lms.isTerminated()"), "Terminate")

    def close(self):
        self.context.close()


def states(suspend: str) -> str:
    """The per-item states of the adapter's suspend data
    ("c1|<bank fingerprint>|<states>|<extras>")."""
    parts = suspend.split("|")
    return parts[2] if len(parts) > 2 else ""


def status(session: Session) -> str:
    return session.cmi("status") if session.standard == "scorm12" else session.cmi("success")


def attempt(course, right: int) -> tuple[int, bool]:
    """Take the final assessment through the page, `right` items right; return the score it shows
    (percent) and whether it says passed."""
    course.get_by_role("button", name="Start a new attempt").click()
    # the new set is in
    course.wait_for_function("() => !document.querySelector('.assessment-result').textContent")
    forms = course.locator(".assessment-items form.quiz-question")
    forms.first.wait_for()
    for i in range(forms.count()):
        answer(forms.nth(i), right=i < right)
    course.get_by_role("button", name="Finish and score").click()
    shown = re.search(
        r"Your score: (\d+) of (\d+) \((\d+)%\) · (passed|not passed)",
        course.locator(".assessment-result").inner_text(),
    )
    assert int(shown[1]) == min(right, int(shown[2]))
    return int(shown[3]), shown[4] == "passed"


@pytest.mark.parametrize("standard", STANDARDS)
def test_learner_is_recorded_and_scored_by_the_pass_mark(browser, lms, standard, content):
    pass_mark = content.outline.assessment.pass_mark
    s = Session(browser, lms, standard)
    s.course = s.frame("index.html")
    s.wait(
        lambda: s.cmi("status" if standard == "scorm12" else "completion") == "incomplete",
        "incomplete",
    )
    course = s.go("modules/car-anatomy.html")
    form = course.locator("form.quiz-question[data-type=single]").first
    answer(form, right=True)
    form.get_by_role("button", name="Check").click()
    assert form.locator(".quiz-feedback").inner_text().startswith("Correct")
    s.wait(lambda: states(s.cmi("suspend")).count("1") == 1, "the self-check in suspend data")
    assert set(states(s.cmi("suspend"))) == {"0", "1"}
    assert s.cmi("exit") == "suspend"
    if standard == "scorm2004":
        assert s.cmi("success") == "unknown" and 0 < float(s.cmi("progress")) < 0.05

    course = s.go("assessment.html")
    for right in (
        2,
        1000,
    ):  # a failing attempt, then a passing one (every item right): the best attempt counts
        percent, passed = attempt(course, right)
        expected = "passed" if percent >= pass_mark else "failed"
        assert passed == (expected == "passed")  # the page and the LMS judge by the same pass mark
        s.wait(lambda e=expected: status(s) == e, expected)
        assert float(s.cmi("raw")) == percent  # the score the page shows
        assert (float(s.cmi("min")), float(s.cmi("max"))) == (0, 100)
        if standard == "scorm2004":
            assert s.cmi("completion") == "completed" and float(s.cmi("scaled")) == percent / 100
    assert {status(s)} == {"passed"}
    checked, broken = broken_links(course, ".assessment-items .quiz-feedback")  # the review's links
    assert broken == [] and checked >= 40  # files and sections of the package

    s.leave()
    pattern = r"^\d{2,4}:\d\d:\d\d$" if standard == "scorm12" else r"^PT\d+H\d+M\d+S$"
    assert re.match(pattern, s.cmi("time"))
    assert s.errors == [] and not [m for m in s.console if m.startswith("LMS:")]
    s.close()


# A line that ends in a backslash goes on in the next: the script has no line break there.
FILL_WHOLE_BANK = """async (key) => {
  const bank = await (await fetch("../assets/quizbank.json")).json();  // from a module page
  const progress = {};
  bank.items.forEach((item, i) => {
    // quiz.js may keep more per record (say, the learner's answer): kept only while they fit
    progress[item.id + "@" + item.hash] = {topic: item.topic, right: i % 3 !== 0, \
answer: "option " + i};
  });
  localStorage.setItem(key, JSON.stringify(progress));
  // course.js's attempt history (it keeps 50) and the last attempt's answers, \
and the learner's place
  const history = Array.from({length: 50}, (_, n) =>
    ({date: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(), \
right: n % 21, total: 20, passed: n % 21 >= 16}));
  localStorage.setItem("cart-course:assessment:v1", JSON.stringify(
    {history: history, last: {ids: bank.items.slice(0, 20).map(i => i.id), \
answers: bank.items.slice(0, 20).map(() => ["x"])}}));
  localStorage.setItem("cart-course:place:v1", JSON.stringify({id: "car-anatomy"}));
  const last = bank.items[0];
  document.dispatchEvent(new CustomEvent("course:answer",
    {detail: {key: last.id + "@" + last.hash, id: last.id, topic: last.topic, right: false}}));
  return progress;
}"""


@pytest.mark.parametrize("standard", STANDARDS)
def test_whole_bank_fits_and_a_new_session_restores_progress_and_page(browser, lms, standard):
    first = Session(browser, lms, standard)
    first.course = first.frame("index.html")
    course = first.go("modules/car-anatomy.html")
    progress = course.evaluate(FILL_WHOLE_BANK, KEY)
    bank = json.loads(zipfile.ZipFile(package(standard)).read("assets/quizbank.json"))
    assert len(progress) == bank["count"] == len(bank["items"])  # every item of the bank answered
    first.wait(lambda: "0" not in states(first.cmi("suspend")), "the whole bank")
    suspend = first.cmi("suspend")
    assert len(suspend) <= 4096 and len(states(suspend)) == len(progress)
    first.go("modules/adverse-effects.html")
    first.leave()
    stored = first.stored()
    first.close()

    second = Session(browser, lms, standard, cmi=stored)  # a new browser: nothing in localStorage
    course = second.frame("modules/adverse-effects.html")  # the last page, from the LMS
    restored = course.evaluate("k => JSON.parse(localStorage.getItem(k))", KEY)
    assert {k: (v["topic"], v["right"]) for k, v in restored.items()} == {
        k: (v["topic"], v["right"]) for k, v in progress.items()
    }
    kept = [k for k, v in restored.items() if "answer" in v]
    assert all(restored[k]["answer"] == progress[k]["answer"] for k in kept)
    assert 0 < len(kept) < len(progress)  # every state, and as many extra fields as fit
    attempts = course.evaluate(
        "() => JSON.parse(localStorage.getItem('cart-course:assessment:v1'))"
    )
    # summaries travel, answers do not
    assert set(attempts) == {"history"} and len(attempts["history"]) > 10
    assert (
        attempts["history"][-1]["date"].startswith("2026-02-19")
        and attempts["history"][-1]["right"] == 49 % 21
    )
    second.course = course
    page = second.go("progress.html")
    expect(page.locator(".progress-result")).to_contain_text("Anatomy of a CAR")
    assert second.errors == []
    second.close()


def test_lms_errors_are_logged_with_their_code_and_never_break_the_quiz(browser, lms):
    """A commit the LMS refuses (its server answers 404) is logged; the page keeps every answer."""
    s = Session(browser, lms, "scorm12", settings={"lmsCommitUrl": lms + "no-such-endpoint"})
    s.course = s.frame("index.html")
    course = s.go("modules/car-anatomy.html")
    forms = course.locator("form.quiz-question")
    for i in range(2):
        answer(forms.nth(i), right=True)
        forms.nth(i).get_by_role("button", name="Check").click()
        assert forms.nth(i).locator(".quiz-feedback").inner_text().startswith("Correct")
    saved = course.evaluate("k => Object.keys(JSON.parse(localStorage.getItem(k)))", KEY)
    assert len(saved) == 2
    s.wait(
        lambda: "LMS: LMSCommit failed: error 101 (General Exception)" in s.console,
        "a logged failure",
    )
    assert s.errors == []
    s.close()


def test_without_an_lms_the_package_behaves_like_the_web_site(browser, lms):
    context = browser.new_context()
    page = context.new_page()
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(lms + "scorm12/lms-launch.html")  # opened on its own: no API anywhere
    page.wait_for_url("**/scorm12/index.html")
    follow(page.locator("nav.md-nav--primary a[href$='modules/car-anatomy.html']").first)
    page.wait_for_url("**/scorm12/modules/car-anatomy.html")
    form = page.locator("form.quiz-question[data-type=single]").first
    answer(form, right=True)
    form.get_by_role("button", name="Check").click()
    assert form.locator(".quiz-feedback").inner_text().startswith("Correct")
    assert len(page.evaluate("k => JSON.parse(localStorage.getItem(k))", KEY)) == 1
    assert page.evaluate("typeof window.courseLMS") == "undefined"
    page.locator("input.md-search__input").click()
    # Material reacts to keys
    page.locator("input.md-search__input").press_sequentially("cytokine", delay=30)
    result = page.locator(".md-search-result__item a").first
    result.wait_for()
    result.click()
    page.wait_for_load_state()
    assert re.search(r"/scorm12/[\w/-]+\.html", page.url) and "404" not in page.title()
    assert errors == []
    assert all(url.startswith(lms) for url in requests if not url.startswith(("data:", "blob:")))
    context.close()


def test_the_lms_is_the_source_of_truth_for_progress(browser, lms):
    """Progress left in this browser by another launch is replaced by the LMS's; progress saved
    against another version of the bank is not misapplied."""
    s = Session(
        browser, lms, "scorm2004", cmi={"cmi.suspend_data": "c1|0ther|1212", "cmi.entry": "resume"}
    )
    s.course = s.frame("index.html")
    assert s.course.evaluate("k => JSON.parse(localStorage.getItem(k))", KEY) == {}
    assert any("another version of the course" in m for m in s.console)
    s.course.evaluate(
        "k => localStorage.setItem(k, JSON.stringify({'stale@0000': {topic: 'x', right: true}}))",
        KEY,
    )
    s.course.evaluate(
        "() => localStorage.setItem('cart-course:assessment:v1', "
        "JSON.stringify({history: [{passed: true}]}))"
    )
    s.leave()
    # runs after the seed: this LMS has stored nothing
    s.page.add_init_script("window.LMS_SEED.cmi = null;")
    s.page.goto(f"{lms}scorm2004.html")  # a new launch in the same browser
    assert s.page.evaluate("lms.cmi.suspend_data") == ""
    s.course = s.frame("index.html")
    assert s.course.evaluate("k => JSON.parse(localStorage.getItem(k))", KEY) == {}
    # not this learner's
    assert s.course.evaluate("() => localStorage.getItem('cart-course:assessment:v1')") is None
    assert s.errors == []
    s.close()


# --- per-question results: cmi.interactions and cmi.objectives --------------------------------
TIMESTAMP = {
    "scorm12": r"^\d\d:\d\d:\d\d$",  # CMITime: the time of day
    "scorm2004": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}Z$",  # time (second,10,0) with zone
}
LATENCY = {
    "scorm12": r"^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$",
    "scorm2004": r"^PT\d+H\d+M\d+(\.\d{1,2})?S$",
}
RESPONSE = {"scorm12": "student_response", "scorm2004": "learner_response"}
TIME = {"scorm12": "time", "scorm2004": "timestamp"}


def recorded(session: Session) -> dict:
    """The interactions and objectives as the LMS receives them (some are write-only in 1.2)."""
    cmi = session.page.evaluate("lms.renderCommitCMI(true).cmi")
    by_index = lambda d: [d[str(n)] for n in range(len(d))]  # noqa: E731
    return {
        "interactions": by_index(cmi["interactions"]),
        "objectives": by_index(cmi["objectives"]),
    }


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_answer_is_an_interaction_and_every_objective_has_a_status(
    browser, lms, standard, bank, content
):
    table = json.loads(zipfile.ZipFile(package(standard)).read("assets/lms-interactions.json"))
    items = {i.id: i for i in bank}
    s = Session(browser, lms, standard)
    s.course = s.frame("index.html")
    course = s.go("modules/car-anatomy.html")
    checks = course.locator("form.quiz-question")
    for n, right in ((0, True), (1, False)):  # two self-checks, one right and one wrong
        answer(checks.nth(n), right=right)
        checks.nth(n).get_by_role("button", name="Check").click()
    first = [checks.nth(n).get_attribute("data-question-id") for n in (0, 1)]
    s.wait(lambda: len(recorded(s)["interactions"]) == 2, "two self-checks")

    course = s.go("assessment.html")
    attempt(course, right=7)
    asked = course.evaluate(
        "() => [...document.querySelectorAll('.assessment-items form.quiz-question')]"
        ".map(f => f.dataset.questionId)"
    )
    s.wait(lambda: len(recorded(s)["interactions"]) == 2 + len(asked), "the attempt's answers")
    got = recorded(s)
    interactions = got["interactions"]
    assert [x["id"] for x in interactions] == first + asked  # in the order they were answered
    rights = [True, False] + [n < 7 for n in range(len(asked))]
    for x, right in zip(interactions, rights, strict=True):
        entry, item = table["items"][x["id"]], items[x["id"]]
        assert x["type"] == entry["type"]
        assert x["objectives"]["0"]["id"] == entry["objective"]
        assert entry["objective"].startswith(item.topic + "-objective-")
        assert x["correct_responses"]["0"]["pattern"] == entry["correct"]
        assert x["result"] == ("correct" if right else table["wrong"])
        assert re.match(TIMESTAMP[standard], x[TIME[standard]]), x[TIME[standard]]
        assert re.match(LATENCY[standard], x["latency"]), (x["latency"], s.console[-20:])
        response = x[RESPONSE[standard]]
        assert response  # every recorded answer says what was chosen
        if item.type == "numeric":
            low, _, high = entry["correct"].partition("[:]")
            assert (float(low) <= float(response) <= float(high or low)) == right
        else:
            assert (response == entry["correct"]) == right, (item.id, response, entry["correct"])
        if standard == "scorm2004":
            assert x["description"] == entry["description"] and item.stem.startswith(
                x["description"].removesuffix("…")
            )
        else:
            assert "description" not in x  # SCORM 1.2 has no such element

    # every module objective, with a status, and a score where items that test it were answered
    progress = course.evaluate("k => JSON.parse(localStorage.getItem(k))", KEY)
    tally: dict[str, list[int]] = {}
    for key, record in progress.items():
        objective = table["items"][key.split("@")[0]]["objective"]
        tally.setdefault(objective, []).append(record["right"])
    objectives = {o["id"]: o for o in got["objectives"]}
    assert list(objectives) == [o["id"] for o in table["objectives"]]
    assert len(objectives) == sum(len(m.objectives) for m in content.outline.modules)
    for oid, o in objectives.items():
        answers = tally.get(oid)
        status = o["status"] if standard == "scorm12" else o["success_status"]
        if not answers:
            assert status == ("not attempted" if standard == "scorm12" else "unknown")
            continue
        percent = round(100 * sum(answers) / len(answers))
        assert float(o["score"]["raw"]) == percent
        assert status == ("passed" if percent >= content.outline.assessment.pass_mark else "failed")
        if standard == "scorm2004":
            assert (
                float(o["score"]["scaled"]) == percent / 100
                and o["completion_status"] == "completed"
            )
    if standard == "scorm2004":  # readable in 2004: the values read back through the API
        n = len(first)
        assert s.page.evaluate(
            f"[lms.GetValue('cmi.interactions.{n}.learner_response'), lms.GetLastError()]"
        ) == [interactions[n]["learner_response"], "0"]
    s.leave()
    assert s.errors == [] and not [m for m in s.console if m.startswith("LMS:")]
    s.close()


@pytest.mark.parametrize("standard", STANDARDS)
def test_interactions_stop_at_the_limit_and_keep_room_for_an_assessment(browser, lms, standard):
    """SCORM 2004 LMSs keep 250 interactions; self-checks stop 20 (an attempt) short of that, and
    nothing is recorded one by one past it (said once in the console); the score still is."""
    table = json.loads(zipfile.ZipFile(package(standard)).read("assets/lms-interactions.json"))
    held = table["limit"] - table["reserve"] // 2  # an earlier session's answers fill nearly all
    cmi = {f"cmi.interactions.{n}.id": f"earlier-{n}" for n in range(held)}
    cmi |= {f"cmi.interactions.{n}.type": "true-false" for n in range(held)}
    s = Session(browser, lms, standard, cmi=cmi)
    s.course = s.frame("index.html")
    assert s.page.evaluate("lms.cmi.interactions._count") == held
    course = s.go("modules/car-anatomy.html")
    form = course.locator("form.quiz-question").first
    answer(form, right=True)
    form.get_by_role("button", name="Check").click()
    s.wait(lambda: "1" in states(s.cmi("suspend")), "the self-check in suspend data")
    assert len(recorded(s)["interactions"]) == held  # the self-check: no room kept for it
    course = s.go("assessment.html")
    attempt(course, right=3)
    s.wait(lambda: s.cmi("raw") != "", "the score")
    interactions = recorded(s)["interactions"]
    assert len(interactions) == table["limit"]  # the attempt's first answers, up to the limit
    assert not interactions[-1]["id"].startswith("earlier-")
    logged = [m for m in s.console if m.startswith("LMS:")]
    assert len(logged) == 2 and "self-checks are no longer recorded" in logged[0]
    assert f"the LMS keeps {table['limit']} answers" in logged[1]
    assert s.errors == []
    s.close()
