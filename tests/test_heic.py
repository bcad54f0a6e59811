"""iPhone photos (HEIC/HEIF) made with pillow-heif: checked, oriented, stripped and published
like JPEGs, in `check` and `build` alike."""

from __future__ import annotations

from pathlib import Path

import pillow_heif
import pytest
from PIL import Image, ImageDraw
from test_check import checked
from test_images import BACKGROUND, RED, close, only, phone_exif

from site_builder.diagnostics import Diagnostics
from site_builder.images import find_metadata, photo_key
from site_builder.load.reader import load_site
from site_builder.project import Project
from site_builder.render.build import build_site
from site_builder.selection import BuildOptions
from site_builder.stages.images import recipe_for

STORY = "content/stories/fengze-lianxin-huayuan.md"


def write_iphone_photo(path: Path, size: tuple[int, int] = (1200, 900)) -> Path:
    """A landscape sensor image saved as HEIC with EXIF orientation 6 (held upright: the
    phone's sensor lies on its side) and a GPS position, a red marker at its stored top-left."""
    im = Image.new("RGB", size, BACKGROUND)
    ImageDraw.Draw(im).rectangle((0, 0, size[0] // 8, size[1] // 8), fill=RED)
    heif = pillow_heif.from_pillow(im)
    heif.save(path, quality=90, exif=phone_exif(6).tobytes())
    return path


def test_heic_is_upright_and_stripped(tmp_path: Path) -> None:
    source = write_iphone_photo(tmp_path / "IMG_0001.HEIC")
    assert source.read_bytes()[4:12] == b"ftypheic"
    assert any("GPS" in found for found in find_metadata(source))  # seen in the source

    photo = only([source], tmp_path / "cache")

    assert (photo.width, photo.height) == (480, 640)  # portrait: the rotation was applied
    for variant in photo.variants:
        path = tmp_path / "cache" / photo.key / variant.name
        assert find_metadata(path) == []
        with Image.open(path) as im:
            assert im.format in ("JPEG", "WEBP")
            rgb = im.convert("RGB")
        w, h = rgb.size
        assert w < h
        # The stored top-left corner is the upright top-right corner.
        assert close(rgb.getpixel((w - 1 - w // 20, h // 30)), RED), path.name
        assert close(rgb.getpixel((w // 20, h // 30)), BACKGROUND), path.name


@pytest.mark.slow
def test_sample_with_an_iphone_photo_checks_and_builds(project: Project) -> None:
    heic = write_iphone_photo(project.root / "content/stories/IMG_0001.HEIC", (2400, 1800))
    story = project.root / STORY
    story.write_text(
        story.read_text(encoding="utf-8")
        .replace("file: fengze-garden.jpg", "file: IMG_0001.HEIC")
        .replace("cover: fengze-garden.jpg", "cover: IMG_0001.HEIC"),
        encoding="utf-8",
    )
    (project.root / "content/stories/fengze-garden.jpg").unlink()
    assert checked(project) == []

    diagnostics = Diagnostics()
    report = build_site(project, BuildOptions(), diagnostics, workers=1)

    assert report.ok, diagnostics.sorted()
    page = (project.site_dir / "stories/fengze-lianxin-huayuan/index.html").read_text("utf-8")
    published = sorted(project.site_dir.rglob("*.jpg")) + sorted(project.site_dir.rglob("*.webp"))
    assert not list(project.site_dir.rglob("*.HEIC"))
    site = load_site(project, Diagnostics())
    assert site is not None
    key = photo_key(heic.read_bytes(), recipe_for(site.config))
    derived = [p for p in published if p.name.startswith(key)]
    assert len(derived) == 6 and all(p.name in page for p in derived), derived
    for path in published:
        assert find_metadata(path) == [], path
    for path in derived:
        with Image.open(path) as im:
            assert im.width < im.height, path.name
