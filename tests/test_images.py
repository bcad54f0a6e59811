"""The image pipeline on real files made with Pillow: orientation, privacy, formats, cache, pool."""

from __future__ import annotations

import io
import json
import pickle
import struct
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageDraw, JpegImagePlugin, PngImagePlugin

import site_builder.images.derive as derive_module
from site_builder.images import (
    Derivatives,
    ImageCache,
    ImageError,
    ProcessedPhoto,
    Recipe,
    derive_photo,
    find_metadata,
    process_photos,
    resolve_photo,
)

RED = (255, 0, 0)
BACKGROUND = (40, 90, 160)
QUADRANTS = ((255, 0, 0), (0, 200, 0), (0, 0, 255), (255, 220, 0))  # TL, TR, BL, BR
# For each EXIF orientation, the operation that turns an upright picture into the stored pixels
# (the inverse of what a viewer applies).
STORED_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>'
)


def close(actual: object, expected: tuple[int, ...], tolerance: int = 40) -> bool:
    assert isinstance(actual, tuple)
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def phone_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (41.0, 48.0, 12.5), 3: "E", 4: (123.0, 25.0, 55.1)})
    return exif


def write_phone_photo(path: Path, size: tuple[int, int] = (2400, 1800), icc: bool = True) -> Path:
    """A landscape sensor image stored with Orientation 6, a red marker at its top-left,
    and every kind of metadata a phone or an editor adds."""
    im = Image.new("RGB", size, BACKGROUND)
    ImageDraw.Draw(im).rectangle((0, 0, size[0] // 8, size[1] // 8), fill=RED)
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() if icc else None
    im.save(
        path,
        "JPEG",
        quality=90,
        exif=phone_exif(6),
        comment=b"photographer: Wang, 13800000000",
        xmp=XMP,
        icc_profile=profile,
    )
    return path


def quadrant_picture(size: tuple[int, int] = (1200, 800)) -> Image.Image:
    im = Image.new("RGB", size)
    draw = ImageDraw.Draw(im)
    w, h = size
    for i, colour in enumerate(QUADRANTS):
        x, y = (i % 2) * w // 2, (i // 2) * h // 2
        draw.rectangle((x, y, x + w // 2 - 1, y + h // 2 - 1), fill=colour)
    return im


def png_bytes(im: Image.Image, **params: object) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, "PNG", **params)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares its size but holds no pixels: decoding it at all would fail."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body).to_bytes(4, "big")
        return len(body).to_bytes(4, "big") + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def variant_images(photo: ProcessedPhoto, cache: Path) -> Iterator[tuple[Path, Image.Image]]:
    for variant in photo.variants:
        path = cache / photo.key / variant.name
        with Image.open(path) as im:
            im.load()
            yield path, im


def only(sources: list[Path], cache: Path, recipe: Recipe | None = None) -> ProcessedPhoto:
    batch = process_photos(sources, recipe or Recipe(), cache, workers=1)
    assert not batch.errors, batch.errors
    return batch.results[sources[0]]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / ".cache" / "images"


# --- what reaches the public --------------------------------------------------------------


@pytest.mark.parametrize("icc", [True, False], ids=["with-icc", "without-icc"])
def test_phone_photo_is_upright_and_stripped_of_all_metadata(
    tmp_path: Path, cache: Path, icc: bool
) -> None:
    source = write_phone_photo(tmp_path / "phone.jpg", icc=icc)
    leaks = " ".join(find_metadata(source))
    for kind in ("GPS", "EXIF", "COM", "XMP", *(["ICC"] if icc else [])):
        assert kind in leaks  # the checker sees each kind when it is there

    photo = only([source], cache)

    assert sorted({v.width for v in photo.variants}) == [480, 960, 1600]
    assert {v.format for v in photo.variants} == {"webp", "jpeg"}
    assert (photo.width, photo.height) == (1600, 2133)  # portrait: the rotation was applied
    for path, im in variant_images(photo, cache):
        assert find_metadata(path) == []
        assert not im.getexif()
        for key in ("exif", "comment", "icc_profile", "xmp", "XML:com.adobe.xmp", "photoshop"):
            assert key not in im.info, (path.name, key)
        rgb = im.convert("RGB")
        w, h = rgb.size
        assert w < h
        # The stored top-left corner is the upright top-right corner.
        assert close(rgb.getpixel((w - 1 - w // 20, h // 30)), RED), path.name
        assert close(rgb.getpixel((w // 20, h // 30)), BACKGROUND), path.name
    assert sorted(p.name for p in (cache / photo.key).iterdir()) == sorted(
        [v.name for v in photo.variants] + ["meta.json"]
    )


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_gives_the_same_upright_picture(
    tmp_path: Path, cache: Path, orientation: int
) -> None:
    upright = quadrant_picture()
    operation = STORED_AS[orientation]
    stored = upright if operation is None else upright.transpose(operation)
    source = tmp_path / f"o{orientation}.jpg"
    stored.save(source, "JPEG", quality=95, exif=phone_exif(orientation))

    # 300 px of 1200 lets draft() decode at 1/4: orientation must still be right.
    photo = only([source], cache, Recipe(widths=(300,)))

    assert (photo.width, photo.height) == (300, 200)
    for _, im in variant_images(photo, cache):
        rgb = im.convert("RGB")
        for i, colour in enumerate(QUADRANTS):
            x, y = (i % 2) * 150 + 75, (i // 2) * 100 + 50
            assert close(rgb.getpixel((x, y)), colour), (orientation, i)


@pytest.mark.parametrize("orientation", [1, 6])
def test_draft_decoding_never_goes_below_the_largest_width(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, orientation: int
) -> None:
    decoded: list[tuple[tuple[int, int], tuple[int, int]]] = []
    draft = JpegImagePlugin.JpegImageFile.draft

    def spy(
        self: JpegImagePlugin.JpegImageFile, mode: str | None, size: tuple[int, int] | None
    ) -> object:
        result = draft(self, mode, size)
        assert size is not None
        decoded.append((size, self.size))
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    source = tmp_path / "wide.jpg"
    Image.new("RGB", (2400, 1800), "gray").save(source, exif=phone_exif(orientation))
    photo = derive_photo(source, Recipe(widths=(480,))).photo

    [(asked, got)] = decoded
    assert asked == ((480, 360) if orientation == 1 else (640, 480))
    assert got[0] >= asked[0] and got[1] >= asked[1]
    assert got[0] < 2400  # the DCT scaling was used
    assert photo.width == 480


@pytest.mark.parametrize("mode", ["RGB", "L"])
@pytest.mark.parametrize(
    ("size", "target"),
    [((2600, 1950), (1600, 1200)), ((601, 401), (480, 320)), ((300, 200), (300, 200))],
)
def test_fast_resize_gives_pillows_pixels(
    mode: str, size: tuple[int, int], target: tuple[int, int]
) -> None:
    # 2600x1950 RGB spans several of Pillow's 16 MB memory blocks.
    source = Image.effect_noise(size, 60).convert(mode)
    fast = derive_module._resize(source, target)
    pillow = source.resize(target, derive_module.RESAMPLE)
    assert (fast.mode, fast.size) == (mode, target)
    difference = ImageChops.difference(fast.convert("RGB"), pillow.convert("RGB"))
    assert all(high <= 2 for _, high in difference.getextrema())


def test_widths_are_never_upscaled(tmp_path: Path, cache: Path) -> None:
    medium, small = tmp_path / "medium.png", tmp_path / "small.png"
    medium.write_bytes(png_bytes(Image.new("RGB", (1000, 750), "green")))
    small.write_bytes(png_bytes(Image.new("RGB", (300, 200), "green")))
    batch = process_photos([medium, small], Recipe(), cache, workers=1)

    assert sorted({v.width for v in batch.results[medium].variants}) == [480, 960]
    assert [(v.width, v.height) for v in batch.results[small].variants] == [(300, 200)] * 2
    assert batch.results[small].placeholder == "#008000"


# --- formats and colour --------------------------------------------------------------------


def derive_png(tmp_path: Path, im: Image.Image, name: str, **params: object) -> Image.Image:
    path = tmp_path / name
    path.write_bytes(png_bytes(im, **params))
    derived = derive_photo(path, Recipe(widths=(64,)))
    jpeg = next(v for v in derived.photo.variants if v.format == "jpeg")
    with Image.open(io.BytesIO(derived.files[jpeg.name])) as out:
        return out.convert("RGB")


def test_cmyk_jpeg_keeps_its_colours(tmp_path: Path) -> None:
    source = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (200, 100), (0, 255, 255, 0)).save(source, "JPEG", quality=95)
    derived = derive_photo(source, Recipe(widths=(100,)))
    for variant in derived.photo.variants:
        with Image.open(io.BytesIO(derived.files[variant.name])) as im:
            assert im.mode == "RGB"
            assert close(im.getpixel((50, 25)), RED, 20)


def test_sixteen_bit_png_is_scaled_not_clipped(tmp_path: Path) -> None:
    im = Image.new("I;16", (128, 64), 16384)
    im.paste(Image.new("I;16", (64, 64), 49152), (64, 0))
    out = derive_png(tmp_path, im, "deep.png")
    assert close(out.getpixel((8, 16)), (64, 64, 64), 6)
    assert close(out.getpixel((56, 16)), (191, 191, 191), 6)


def test_palette_png_transparency_becomes_white(tmp_path: Path) -> None:
    im = Image.new("P", (128, 64), 0)
    im.putpalette([0, 0, 0, 200, 0, 0])
    im.paste(1, (64, 0, 128, 64))
    out = derive_png(tmp_path, im, "logo.png", transparency=0)
    assert close(out.getpixel((8, 16)), (255, 255, 255), 8)
    assert close(out.getpixel((56, 16)), (200, 0, 0), 30)


def test_rgba_is_flattened_on_white(tmp_path: Path) -> None:
    im = Image.new("RGBA", (128, 64), (0, 0, 255, 0))
    im.paste((0, 0, 255, 255), (64, 0, 128, 64))
    out = derive_png(tmp_path, im, "alpha.png")
    assert close(out.getpixel((8, 16)), (255, 255, 255), 8)
    assert close(out.getpixel((56, 16)), (0, 0, 255), 30)


def test_animated_gif_gives_its_first_frame(tmp_path: Path) -> None:
    source = tmp_path / "anim.gif"
    frames = [Image.new("RGB", (120, 80), c) for c in (RED, (0, 0, 255), (0, 255, 0))]
    frames[0].save(source, save_all=True, append_images=frames[1:], duration=100, loop=0)
    derived = derive_photo(source, Recipe(widths=(60,)))
    assert len(derived.photo.variants) == 2
    for name, data in derived.files.items():
        with Image.open(io.BytesIO(data)) as im:
            assert getattr(im, "n_frames", 1) == 1, name
            assert close(im.convert("RGB").getpixel((30, 20)), RED, 20), name


def test_huge_dimensions_under_the_limit_are_processed(tmp_path: Path) -> None:
    im = Image.new("L", (8000, 7000), 255)  # 56 megapixels, compresses to a few KB
    ImageDraw.Draw(im).rectangle((0, 0, 3999, 6999), fill=0)
    source = tmp_path / "scan.png"
    source.write_bytes(png_bytes(im))
    derived = derive_photo(source, Recipe())
    assert (derived.photo.width, derived.photo.height) == (1600, 1400)


# --- bad input: one clear message each, never a crash -------------------------------------


def error_of(path: Path, recipe: Recipe | None = None) -> ImageError:
    with pytest.raises(ImageError) as caught:
        derive_photo(path, recipe or Recipe())
    error = caught.value
    assert path.name in error.message
    assert "Traceback" not in error.message
    return error


def valid_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((600, 400), 40).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_missing_file(tmp_path: Path) -> None:
    error = error_of(tmp_path / "gone.jpg")
    assert error.code == "missing"
    assert "找不到" in error.message


def test_text_file_named_jpg(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("活动记录：3 月 5 日，志愿者 12 人\n", "utf-8")
    error = error_of(path)
    assert error.code == "not_image"
    assert "不是能识别的图片" in error.message


def test_truncated_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "half.jpg"
    data = valid_jpeg()
    path.write_bytes(data[: len(data) // 2])
    error = error_of(path)
    assert error.code == "truncated"
    assert "截断" in error.message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    error = error_of(path)
    assert error.code == "empty"
    assert "空文件" in error.message


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_header_only(20000, 20000))  # 400 megapixels in 57 bytes
    assert error_of(bomb).code == "too_large"

    over_recipe = tmp_path / "big.png"
    over_recipe.write_bytes(png_bytes(Image.new("1", (2000, 1000))))
    error = error_of(over_recipe, Recipe(max_pixels=1_000_000))
    assert error.code == "too_large"
    assert "2000×1000" in error.message


def test_unsupported_formats_are_named(tmp_path: Path) -> None:
    icon = tmp_path / "icon.ico"
    Image.new("RGB", (32, 32), "red").save(icon, "ICO")
    error = error_of(icon)
    assert (error.code, "ICO" in error.message) == ("unsupported", True)


def test_errors_cross_process_boundaries_intact() -> None:
    error = pickle.loads(pickle.dumps(ImageError("照片 a.jpg 已损坏", "damaged")))
    assert (error.message, error.code, str(error)) == (
        "照片 a.jpg 已损坏",
        "damaged",
        "照片 a.jpg 已损坏",
    )


# --- where photos may come from ------------------------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    stories = tmp_path / "content" / "stories"
    (stories / "photos").mkdir(parents=True)
    (stories / "photos" / "garden.jpg").write_bytes(valid_jpeg())
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "id-card.jpg").write_bytes(valid_jpeg())
    return tmp_path / "content"


def test_resolve_photo_inside_content(content: Path) -> None:
    stories = content / "stories"
    found = resolve_photo(content, stories, "photos/garden.jpg")
    assert found == (stories / "photos" / "garden.jpg").resolve()
    (stories / "alias.jpg").symlink_to(stories / "photos" / "garden.jpg")
    assert resolve_photo(content, stories, "alias.jpg") == found


@pytest.mark.parametrize(
    ("file", "code", "words"),
    [
        ("photos/nothing.jpg", "missing", "找不到"),
        ("../../private/id-card.jpg", "outside", ".."),
        ("/etc/hostname", "absolute", "绝对路径"),
        ("C:/Users/staff/photo.jpg", "absolute", "绝对路径"),
        ("link.jpg", "symlink", "符号链接"),
        ("linked-folder/id-card.jpg", "symlink", "符号链接"),
    ],
)
def test_resolve_photo_refuses(content: Path, file: str, code: str, words: str) -> None:
    stories = content / "stories"
    private = content.parent / "private"
    (stories / "link.jpg").symlink_to(private / "id-card.jpg")
    (stories / "linked-folder").symlink_to(private, target_is_directory=True)
    with pytest.raises(ImageError) as caught:
        resolve_photo(content, stories, file)
    assert caught.value.code == code
    assert file in caught.value.message
    assert words in caught.value.message


# --- cache, pool, publishing ---------------------------------------------------------------


def test_rebuilds_compute_only_what_changed(tmp_path: Path, cache: Path) -> None:
    sources = []
    for i, colour in enumerate(("red", "green", "blue")):
        path = tmp_path / f"p{i}.png"
        path.write_bytes(png_bytes(Image.new("RGB", (600, 400), colour)))
        sources.append(path)
    recipe = Recipe()

    first = process_photos(sources, recipe, cache, workers=1)
    assert (first.processed, first.reused, first.errors) == (3, 0, {})
    again = process_photos(sources, recipe, cache, workers=1)
    assert (again.processed, again.reused) == (0, 3)
    assert again.results == first.results

    sources[1].write_bytes(png_bytes(Image.new("RGB", (600, 400), "yellow")))
    changed = process_photos(sources, recipe, cache, workers=1)
    assert (changed.processed, changed.reused) == (1, 2)
    stale = first.results[sources[1]].key
    assert changed.results[sources[1]].key != stale

    image_cache = ImageCache(cache)
    in_use = {photo.key for photo in changed.results.values()}
    assert image_cache.prune(in_use) == 1
    assert image_cache.keys() == in_use
    assert not (cache / stale).exists()


def test_identical_files_are_processed_once(tmp_path: Path, cache: Path) -> None:
    data = png_bytes(Image.new("RGB", (500, 300), "orange"))
    twins = [tmp_path / "a.png", tmp_path / "b.png"]
    for path in twins:
        path.write_bytes(data)
    batch = process_photos(twins, Recipe(), cache, workers=2)
    assert batch.processed == 1
    assert batch.results[twins[0]] == batch.results[twins[1]]


def test_errors_and_results_are_reported_together(tmp_path: Path, cache: Path) -> None:
    good, bad = tmp_path / "good.png", tmp_path / "bad.jpg"
    good.write_bytes(png_bytes(Image.new("RGB", (500, 300), "orange")))
    bad.write_text("not a photo")
    batch = process_photos([good, bad, tmp_path / "gone.jpg"], Recipe(), cache, workers=2)
    assert list(batch.results) == [good]
    assert {path.name: e.code for path, e in batch.errors.items()} == {
        "bad.jpg": "not_image",
        "gone.jpg": "missing",
    }


def test_recipe_changes_make_new_keys() -> None:
    base = Recipe()
    variants = [
        Recipe(widths=(480, 960)),
        Recipe(jpeg_quality=80),
        Recipe(webp_quality=70),
        Recipe(max_pixels=1000),
    ]
    prints = {base.fingerprint(), *(r.fingerprint() for r in variants)}
    assert len(prints) == 5
    # A new version of the code that derives the files (recipe.PIPELINE_VERSION).
    assert Recipe(pipeline=base.pipeline + 1).fingerprint() not in prints


def test_interrupted_write_leaves_no_entry(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "p.png"
    source.write_bytes(png_bytes(Image.new("RGB", (500, 300), "teal")))
    derived = derive_photo(source, Recipe())

    class Interrupted(Mapping[str, bytes]):
        """Files whose writing is cut short after the first one, as by Ctrl-C."""

        def __getitem__(self, name: str) -> bytes:
            return derived.files[name]

        def __len__(self) -> int:
            return len(derived.files)

        def __iter__(self) -> Iterator[str]:
            yield next(iter(derived.files))
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ImageCache(cache).put(Derivatives(derived.photo, Interrupted()))
    assert list(cache.iterdir()) == []
    assert ImageCache(cache).get(derived.photo.key) is None
    assert process_photos([source], Recipe(), cache, workers=1).processed == 1


def test_pool_writes_the_same_bytes_as_one_worker(tmp_path: Path) -> None:
    sources = []
    for i in range(4):
        path = tmp_path / f"p{i}.jpg"
        Image.effect_noise((900, 600), 20 + i).convert("RGB").save(
            path, quality=90, exif=phone_exif(1 + i * 2)
        )
        sources.append(path)
    one = process_photos(sources, Recipe(), tmp_path / "one", workers=1)
    two = process_photos(sources, Recipe(), tmp_path / "two", workers=2)
    assert one.results == two.results
    assert two.processed == 4
    for photo in two.results.values():
        for variant in photo.variants:
            a = (tmp_path / "one" / photo.key / variant.name).read_bytes()
            assert a == (tmp_path / "two" / photo.key / variant.name).read_bytes()


def test_meta_json_round_trips(tmp_path: Path, cache: Path) -> None:
    source = write_phone_photo(tmp_path / "phone.jpg", (800, 600))
    photo = only([source], cache)
    stored = json.loads((cache / photo.key / "meta.json").read_text("utf-8"))
    assert ProcessedPhoto.from_dict(stored) == photo
    assert ProcessedPhoto.from_dict(json.loads(json.dumps(photo.to_dict()))) == photo
    assert photo.placeholder.startswith("#") and len(photo.placeholder) == 7


def test_find_metadata_reads_webp_and_png_chunks(tmp_path: Path) -> None:
    im = Image.new("RGB", (64, 48), "white")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    webp = tmp_path / "leak.webp"
    im.save(webp, "WEBP", exif=phone_exif(1), xmp=XMP, icc_profile=srgb)
    found = " ".join(find_metadata(webp))
    for kind in ("GPS", "EXIF", "XMP", "ICC"):
        assert kind in found

    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "王某")
    png = tmp_path / "leak.png"
    png.write_bytes(png_bytes(im, pnginfo=text, exif=phone_exif(1)))
    found = " ".join(find_metadata(png))
    assert "Author" in found and "GPS" in found

    clean = tmp_path / "clean.webp"
    im.save(clean, "WEBP")
    assert find_metadata(clean) == []
