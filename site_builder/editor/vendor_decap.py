"""Bring the pinned Decap CMS bundle into the package: `python -m site_builder.editor.vendor_decap`.

For developers (`make vendor-decap`); staff never run it, and the editor needs neither npm nor
the network: the bundle is committed under `editor/static/decap/`. This fetches the npm package
`decap-cms` at `PINNED` with `npm pack`, checks its name, version and licence, and copies the
distribution bundle the editor page loads (`decap-cms.js`, the chunks it loads lazily, the two
WebAssembly image encoders and the bundled libraries' licence notices), without source maps or
the duplicate `cms.js` build. The MIT licence text (`LICENSE`, not in the npm package) and
the recorded version and integrity (`VERSION`) sit beside it. To update: change `PINNED`, run
this, then the browser tests (which count requests leaving 127.0.0.1: there must be none).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PINNED = "3.16.3"
PACKAGE = "decap-cms"
LICENCE = "MIT"
TARGET = Path(__file__).resolve().parent / "static" / "decap"
# What the page loads: the bundle, its lazy chunks (named `<id>.decap-cms.js` by the bundle's
# loader), the WebAssembly files, and the third-party notices.
BUNDLE_FILES = re.compile(
    r"(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)"
)
# Written here, kept across updates.
KEPT = frozenset({"LICENSE"})


class VendorError(Exception):
    pass


def npm_pack(version: str, folder: Path) -> dict[str, str]:
    """`npm pack` the package into `folder`; npm's record of it (file name, integrity)."""
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("npm is needed to fetch the bundle (apt-get install npm)")
    done = subprocess.run(
        [npm, "pack", f"{PACKAGE}@{version}", "--json", "--pack-destination", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise VendorError(f"npm pack {PACKAGE}@{version} failed:\n{done.stderr}")
    record: dict[str, str] = json.loads(done.stdout)[0]
    return record


def unpack(archive: Path, folder: Path, version: str) -> Path:
    """Unpack and check the package; its `dist` folder."""
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    manifest = json.loads((folder / "package" / "package.json").read_text(encoding="utf-8"))
    found = (manifest.get("name"), manifest.get("version"), manifest.get("license"))
    if found != (PACKAGE, version, LICENCE):
        raise VendorError(f"expected {PACKAGE} {version} under {LICENCE}, found {found}")
    return folder / "package" / "dist"


def install(dist: Path, target: Path, record: dict[str, str]) -> list[str]:
    """Replace the vendored bundle in `target` with the one in `dist`; the files copied."""
    chosen = sorted(path.name for path in dist.iterdir() if BUNDLE_FILES.fullmatch(path.name))
    if "decap-cms.js" not in chosen:
        raise VendorError(f"no decap-cms.js in {dist}")
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        if old.name not in KEPT:
            old.unlink()
    for name in chosen:
        shutil.copyfile(dist / name, target / name)
    (target / "VERSION").write_text(
        f"{PACKAGE} {record['version']}\nintegrity {record['integrity']}\n", encoding="utf-8"
    )
    return chosen


def vendor(version: str = PINNED, target: Path = TARGET) -> list[str]:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        record = npm_pack(version, folder)
        dist = unpack(folder / record["filename"], folder, version)
        return install(dist, target, record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=PINNED, help=f"decap-cms version (default {PINNED})")
    args = parser.parse_args(argv)
    try:
        copied = vendor(args.version)
    except VendorError as error:
        print(error, file=sys.stderr)
        return 1
    size = sum((TARGET / name).stat().st_size for name in copied)
    print(f"{PACKAGE} {args.version}: {len(copied)} files, {size / 1e6:.1f} MB in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
