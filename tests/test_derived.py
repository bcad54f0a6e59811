"""Keys of results kept on disk (derived.py): equal data, equal key; anything else, no key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_builder.derived import DerivedStore, digest
from site_builder.model.site_config import SiteConfig
from site_builder.session import Session


@dataclass
class Options:
    as_of: dt.date
    preview: bool


def test_equal_data_has_one_digest_and_any_difference_another() -> None:
    one = {"as_of": Options(dt.date(2025, 7, 1), False), "names": frozenset({"甲", "乙"})}
    same = {"names": frozenset({"乙", "甲"}), "as_of": Options(dt.date(2025, 7, 1), False)}
    assert digest(one) == digest(same)
    assert digest(one) != digest({**one, "as_of": Options(dt.date(2025, 7, 1), True)})
    assert digest((1, 2)) != digest([1, 2]) != digest((1, "2"))
    assert digest(Path("a/b")) == digest(Path("a") / "b")


def test_a_value_without_a_stable_digest_has_no_key() -> None:
    with pytest.raises(TypeError):
        digest({"compute": lambda: 1})
    with pytest.raises(TypeError):
        digest(object())


def test_computed_keeps_results_of_keyed_objects_only(tmp_path: Path) -> None:
    calls: list[int] = []

    def total(numbers: list[int], *, config: SiteConfig) -> int:
        calls.append(1)
        return sum(numbers) + len(config.title) - 4

    config = SiteConfig.model_validate({"title": "丰泽社区"})
    for _ in range(2):  # two processes: nothing in memory, the store on disk
        session = Session()
        with session.storing(DerivedStore(tmp_path)):
            numbers = [1, 2, 3]
            session.keyed(numbers, "numbers-v1")
            assert session.computed("total", total, numbers, config=config) == 6
            assert session.computed("total", total, [1, 2, 3], config=config) == 6
    assert len(calls) == 3  # once kept, then found; the unkeyed list each time
