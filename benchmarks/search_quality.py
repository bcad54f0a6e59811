"""Recall and precision of the built site's search, against the pages' own text.

For each term, the pages expected are those whose searchable text contains it (the text inside
`data-pagefind-body`, without `data-pagefind-ignore` parts, scripts or styles; block elements
separate text, inline ones do not), read here from the built HTML with Python's HTML parser,
independently of what Pagefind is given. The pages found are what the site's search box finds
(benchmarks/search_query.mjs runs its search.js in Node over the built index). Recall: the
share of (term, expected page) pairs found; precision: the share of pages found that contain
the term. tests/test_search_quality.py holds the evaluation set; `make bench` runs it on terms
drawn from the generated stories.

    .venv/bin/python benchmarks/search_quality.py site/ [--terms 200] [--traditional]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
SKIPPED = {"script", "style", "noscript", "template", "svg", "nav", "footer", "form", "label"}
INLINE = set(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)
VOID = set(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
HAN_RUN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


class _Text(HTMLParser):
    """The searchable text of one page (None when the page has no data-pagefind-body)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, in body, skipped)
        self.chunks: list[str] = []
        self.marked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        body, skipped = self.stack[-1][1:] if self.stack else (False, False)
        if "data-pagefind-body" in names:
            body, self.marked = True, True
        skipped = skipped or tag in SKIPPED or "data-pagefind-ignore" in names
        if tag not in INLINE:
            self.chunks.append("\n")
        if tag not in VOID:
            self.stack.append((tag, body, skipped))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag not in INLINE:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.chunks.append(data)


def page_texts(site: Path) -> dict[str, str]:
    """Each searchable page's URL (as Pagefind gives it) and text, its blocks separated by
    line breaks."""
    texts = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.marked:
            url = "/" + rel.removesuffix("index.html")
            texts[url] = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.chunks))
    return texts


def answers(site: Path, queries: Iterable[str]) -> dict[str, dict[str, Any]]:
    """What the site's search box answers to each query (benchmarks/search_query.mjs): the
    forms searched, every page found (best first) and the first ten as shown."""
    done = subprocess.run(
        ["node", str(BENCH_DIR / "search_query.mjs"), str(site)],
        input="\n".join(queries) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    found = {}
    for line in done.stdout.splitlines():
        answer = json.loads(line)
        found[answer["query"]] = answer
    return found


def search(site: Path, queries: Iterable[str]) -> dict[str, list[str]]:
    """What the site's search box finds for each query: every page, best first."""
    return {query: answer["urls"] for query, answer in answers(site, queries).items()}


def traditional_forms(terms: Iterable[str]) -> dict[str, str]:
    """Each term written in traditional characters (OpenCC's s2t, phrase by phrase), mapped to
    the term: the queries a reader from Hong Kong or Taiwan types for it. Terms that read the
    same in both are left out."""
    from opencc_purepy import OpenCC

    converter = OpenCC("s2t")
    forms = {converter.convert(term): term for term in terms}
    return {form: term for form, term in forms.items() if form != term}


@dataclass
class Evaluation:
    """Per query: the pages expected (those containing the term) and the pages found."""

    expected: dict[str, set[str]] = field(default_factory=dict)
    found: dict[str, list[str]] = field(default_factory=dict)

    def figures(self, queries: Iterable[str]) -> tuple[float, float]:
        """Recall over (term, expected page) pairs and precision over pages found."""
        pairs = found_pairs = returned = correct = 0
        for query in queries:
            expected, got = self.expected[query], self.found[query]
            pairs += len(expected)
            found_pairs += len(expected.intersection(got))
            returned += len(got)
            correct += sum(1 for url in got if url in expected)
        return (found_pairs / pairs if pairs else 0.0, correct / returned if returned else 0.0)

    @property
    def pairs(self) -> int:
        return sum(len(pages) for pages in self.expected.values())

    @property
    def recall(self) -> float:
        return self.figures(self.expected)[0]

    @property
    def precision(self) -> float:
        return self.figures(self.expected)[1]

    @property
    def missed(self) -> dict[str, list[str]]:
        return {
            q: sorted(e - set(self.found[q]))
            for q, e in self.expected.items()
            if e - set(self.found[q])
        }

    @property
    def wrong(self) -> dict[str, list[str]]:
        return {
            q: sorted(set(f) - self.expected[q])
            for q, f in self.found.items()
            if set(f) - self.expected[q]
        }


def bare(query: str) -> str:
    """The term a query asks for: without the quotes a reader may type around it."""
    return re.sub(r"[\"“”「」]", "", query).strip()


def evaluate(
    site: Path,
    queries: list[str],
    texts: dict[str, str] | None = None,
    meaning: dict[str, str] | None = None,
) -> Evaluation:
    """Recall and precision of `queries`, each expected to find the pages that contain it, or
    the term `meaning` gives for it (the simplified term a traditional query stands for)."""
    texts = texts if texts is not None else page_texts(site)
    meaning = meaning or {}
    found = search(site, queries)
    result = Evaluation()
    for query in queries:
        term = bare(meaning.get(query, query))
        result.expected[query] = {url for url, text in texts.items() if term in text}
        result.found[query] = found.get(query, [])
    return result


def sample_terms(texts: dict[str, str], count: int, seed: int = 15) -> list[str]:
    """`count` distinct runs of 2 to 6 Han characters cut from random places in the pages:
    words, halves of words and phrases, as a reader might type them."""
    rng = random.Random(seed)
    runs = [run for text in texts.values() for run in HAN_RUN.findall(text)]
    terms: set[str] = set()
    while runs and len(terms) < count:
        run = rng.choice(runs)
        length = rng.randint(2, min(6, len(run)))
        start = rng.randrange(len(run) - length + 1)
        terms.add(run[start : start + length])
    return sorted(terms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--terms", type=int, default=200)
    parser.add_argument(
        "--traditional", action="store_true", help="also each term in traditional characters"
    )
    args = parser.parse_args()
    texts = page_texts(args.site)
    terms = sample_terms(texts, args.terms)
    meaning = traditional_forms(terms) if args.traditional else {}
    result = evaluate(args.site, terms + sorted(meaning), texts, meaning)
    print(
        f"search: recall {result.recall:.3f}, precision {result.precision:.3f} over "
        f"{args.terms} terms ({result.pairs} term-page pairs)"
    )
    if meaning:
        recall, precision = result.figures(terms)
        print(f"  simplified: recall {recall:.3f}, precision {precision:.3f}")
        recall, precision = result.figures(sorted(meaning))
        print(
            f"  {len(meaning)} in traditional characters: recall {recall:.3f}, precision {precision:.3f}"
        )


if __name__ == "__main__":
    main()
