"""Answer a rendered quiz form in Chromium, right or wrong, from the key the form carries."""

from __future__ import annotations


def answer(form, right: bool) -> None:
    kind = form.get_attribute("data-type")
    if kind == "numeric":
        value = float(form.get_attribute("data-answer"))
        form.locator("input").fill(str(value if right else value + 1000))
    elif kind in ("matching", "ordering"):
        selects = form.locator("select")
        for i in range(selects.count()):
            s = selects.nth(i)
            correct = s.get_attribute("data-correct")
            options = [
                o
                for o in s.locator("option").all_inner_texts()
                if o not in ("Choose…", "Position…")
            ]
            s.select_option(correct if right or i else next(o for o in options if o != correct))
    else:
        boxes = form.locator("input")
        for i in range(boxes.count()):
            box = boxes.nth(i)
            wanted = box.get_attribute("data-correct") is not None
            if not right and kind != "multiple":
                wanted = not wanted
            if kind == "multiple":
                box.set_checked(wanted if right else not wanted)
            elif wanted:
                box.check()
                break
