"""The documents staff follow: every link leads somewhere, every command they type exists."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_relative_links_resolve(document: Path) -> None:
    # Links written inside code (`![](...)`) are examples, not links.
    text = re.sub(r"```.*?```|`[^`\n]*`", "", document.read_text(encoding="utf-8"), flags=re.S)
    targets = [t for t in _LINK.findall(text) if "://" not in t and not t.startswith("mailto:")]
    missing = [t for t in targets if not (document.parent / t).exists()]
    assert missing == []


@pytest.mark.parametrize("target", ["check", "serve", "edit", "site", "install"])
def test_make_targets_named_in_the_guides_exist(target: str) -> None:
    dry = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert dry.returncode == 0, dry.stderr
    guides = (ROOT / "docs/setup.md").read_text(encoding="utf-8")
    assert f"make {target}" in guides


def test_staff_image_guide_holds_no_implementation_detail() -> None:
    text = (ROOT / "docs/images.md").read_text(encoding="utf-8")
    for word in ("ProcessPoolExecutor", "PSNR", "site_builder", ".py", "sha256", "Pillow"):
        assert word not in text


def test_every_module_the_architecture_names_exists() -> None:
    text = (ROOT / "docs/architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_][a-z_/]*(?:\.py|/))`", text))
    assert len(named) > 40  # the table was read, not skipped
    # Module paths are relative to site_builder/; a few name the project's own folders.
    missing = sorted(
        path
        for path in named
        if not (ROOT / "site_builder" / path).exists() and not (ROOT / path).exists()
    )
    assert missing == []
