"""Items on what a label says beyond its indication: their keys and wrong options follow from the
label data, and a label whose boxed warning is stored only in part never stands as a product
that 'does not name' a topic."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def products(content):
    return {p.inn: p for p in content.products.products}


def test_a_boxed_warning_item_names_topics_only_its_key_carries(bank, products):
    items = [i for i in bank if i.family == "label:boxed-warning"]
    assert items, "the boxed-warning item is gone"
    for item in items:
        key = products[item.correct_options[0].text]
        wrong = [products[o.text] for o in item.options if not o.correct]
        own = [t for t in key.fda.boxed_warning if f"'{t}'" in item.stem]
        assert own, item.id
        for p in wrong:
            # a wrong option must be a warning stored in full that names none of the key's topics
            assert p.fda.boxed_warning and not p.fda.boxed_warning_note, (item.id, p.inn)
            assert not set(own) & set(p.fda.boxed_warning), (item.id, p.inn)


def test_the_after_review_item_keys_a_later_approval_and_offers_earlier_ones(
    bank, content, products
):
    review = content.changes.review.isoformat()
    items = [i for i in bank if i.family == "label:after-review"]
    assert items, "the after-review item is gone"
    for item in items:
        assert products[item.correct_options[0].text].fda.first_approval > review, item.id
        for o in item.options:
            if not o.correct:
                assert products[o.text].fda.first_approval < review, (item.id, o.text)
                assert products[o.text].trials, (item.id, o.text)
