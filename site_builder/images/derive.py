"""Turn one source photo into resized, upright, sRGB, metadata-free WebP and JPEG derivatives.

Speed comes from doing each expensive step once and as small as possible:

- JPEG sources are decoded with `draft()`: libjpeg scales the DCT by 1/2, 1/4 or 1/8 while
  decoding, as far as the largest derivative still fits (the box keeps the real aspect ratio,
  in the file's own orientation, since EXIF rotation is applied after decoding);
- every smaller width is resized from the previous, larger result, not from the source;
- RGB and grey images are resized by fast_image_resize (cykooz_resizer): the same bilinear
  convolution as Pillow's, in SIMD code, 5-7x faster;
- colour conversion, alpha flattening and rotation run on the largest derivative, not the source;
- WebP is encoded with a fast method, JPEG without the extra Huffman pass.

Output pixels are built only from pixel data: `info` is cleared before saving, so no EXIF
(GPS), XMP, IPTC, comment or ICC profile from the source can reach a published file.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import pillow_heif
from cykooz_resizer import FilterType, ResizeAlg, ResizeOptions, Resizer
from PIL import Image, ImageCms, UnidentifiedImageError

from site_builder.i18n import t
from site_builder.images.errors import ImageError
from site_builder.images.processed import Format, ProcessedPhoto, Variant
from site_builder.images.recipe import Recipe, photo_key

# Bilinear, not Lanczos: the support widens with the scale factor, so it still anti-aliases.
# Measured (docs/images-internals.md): WebP ~0.35 dB PSNR below the naive Lanczos recipe with ~12% fewer
# bytes; BICUBIC or LANCZOS would win back that PSNR for 12-21% larger WebP files.
RESAMPLE = Image.Resampling.BILINEAR
# The same filters in fast_image_resize, whose results are within 2 levels of Pillow's.
_FAST_FILTERS = {
    Image.Resampling.BILINEAR: FilterType.bilinear,
    Image.Resampling.BICUBIC: FilterType.catmull_rom,
    Image.Resampling.LANCZOS: FilterType.lanczos3,
}
_FAST_RESIZE = ResizeOptions(resize_alg=ResizeAlg.convolution(_FAST_FILTERS[RESAMPLE]))
# Modes fast_image_resize takes as they are; others (LA, RGBA, CMYK...) are resized by Pillow.
_FAST_RESIZE_MODES = frozenset({"RGB", "L"})
# Pillow's resize of sources without draft() (RGBA PNG...): reduce() by whole factors first,
# then filter the last <2x, as Pillow's thumbnail() does.
REDUCING_GAP = 2.0
# libwebp method 0 is ~5x faster than the default 4; files are slightly larger at equal quality.
WEBP_METHOD = 0
# Formats staff photos come in, HEIF being the iPhone's. Everything else (EPS runs Ghostscript,
# PDF, ICO...) is refused before decoding.
ALLOWED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "GIF", "WEBP", "TIFF", "BMP", "AVIF", "HEIF"})
# Every process that imports this module (the photo workers too) opens HEIC/HEIF through Pillow.
# libheif applies the file's rotation while decoding and reports EXIF orientation 1, so the
# orientation step below leaves such a photo as it is.
pillow_heif.register_heif_opener()

_ORIENTATION_TAG = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_EXTENSIONS: Final[tuple[tuple[Format, str], ...]] = (("webp", "webp"), ("jpeg", "jpg"))
_SIXTEEN_BIT = frozenset({"I", "I;16", "I;16L", "I;16B", "I;16N"})


@dataclass(frozen=True)
class Derivatives:
    """A processed photo and the encoded files it names, not yet written anywhere."""

    photo: ProcessedPhoto
    files: Mapping[str, bytes]


def read_source(source: Path) -> bytes:
    """The bytes of a source photo, or an ImageError saying why there are none."""
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise ImageError(
            t("找不到照片 {file}", "photo {file} not found", file=source), "missing"
        ) from None
    except OSError:
        raise ImageError(
            t(
                "无法读取照片 {file}（没有读取权限，或不是普通文件）",
                "cannot read photo {file} (no permission, or not a regular file)",
                file=source,
            ),
            "unreadable",
        ) from None
    if not data:
        raise ImageError(
            t(
                "照片 {file} 是空文件（0 字节），可能复制时出了错：请重新复制原图",
                "photo {file} is empty (0 bytes), probably a failed copy: copy the original again",
                file=source,
            ),
            "empty",
        )
    return data


def derive_photo(source: Path, recipe: Recipe) -> Derivatives:
    """Process one source file; every failure is an ImageError naming it."""
    return derive_bytes(read_source(source), recipe, str(source))


def derive_bytes(data: bytes, recipe: Recipe, name: str) -> Derivatives:
    """Process the bytes of one photo; `name` is how messages refer to it."""
    key = photo_key(data, recipe)
    with _decoding(data, recipe, name):
        images = _render(data, recipe, name)
        files: dict[str, bytes] = {}
        variants: list[Variant] = []
        for im in reversed(images):
            width, height = im.size
            for fmt, ext in _EXTENSIONS:
                file_name = f"{key}-{width}.{ext}"
                files[file_name] = _encode(im, fmt, recipe)
                variants.append(Variant(width, height, fmt, file_name))
        placeholder = _average_colour(images[-1])
    largest = images[0]
    photo = ProcessedPhoto(key, largest.width, largest.height, placeholder, tuple(variants))
    return Derivatives(photo, files)


def check_photo(data: bytes, recipe: Recipe, name: str) -> None:
    """Every refusal `derive_bytes` would make, without making derivatives (`check`).

    The same opening and the same errors; JPEGs are decoded at 1/8 scale, which still reads
    every block of the file, so a truncated or damaged photo is found too.
    """
    with _decoding(data, recipe, name), _opened(data, recipe, name) as image:
        image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()


@contextmanager
def _decoding(data: bytes, recipe: Recipe, name: str) -> Iterator[None]:
    """Pillow's failures on a photo turned into an ImageError that names it."""
    try:
        yield
    except Image.DecompressionBombError:
        raise _too_large(name, recipe) from None
    except UnidentifiedImageError:
        raise _not_an_image(name) from None
    except OSError as err:
        if "truncated" in str(err):
            raise ImageError(
                t(
                    "照片 {file} 不完整（文件被截断），可能复制或上传时中断了：请重新复制原图",
                    "photo {file} is incomplete (truncated), probably an interrupted copy or "
                    "upload: copy the original again",
                    file=name,
                ),
                "truncated",
            ) from None
        raise _damaged(name) from None
    except (SyntaxError, ValueError, EOFError, IndexError, struct.error):
        # What Pillow's decoders raise on malformed data besides OSError.
        raise _damaged(name) from None


@contextmanager
def _opened(data: bytes, recipe: Recipe, name: str) -> Iterator[Image.Image]:
    """The photo opened (header only), refused when its format or size is not allowed."""
    with warnings.catch_warnings():
        # Pillow's own warning threshold is not ours: the recipe's limit is checked below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        source = Image.open(io.BytesIO(data))
    with source:
        if source.format not in ALLOWED_FORMATS:
            raise ImageError(
                t(
                    "照片 {file} 是 {fmt} 格式，不能用于网页：请导出为 JPEG 或 PNG",
                    "photo {file} is in {fmt} format, which the site does not use: "
                    "export it as JPEG or PNG",
                    file=name,
                    fmt=source.format,
                ),
                "unsupported",
            )
        if source.width * source.height > recipe.max_pixels:
            raise _too_large(name, recipe, source.size)
        yield source


def output_widths(source_width: int, recipe: Recipe) -> list[int]:
    """Widths to make, largest first: never wider than the source, and never none at all."""
    fitting = sorted({w for w in recipe.widths if w <= source_width}, reverse=True)
    return fitting or [source_width]


def _render(data: bytes, recipe: Recipe, name: str) -> list[Image.Image]:
    """Decode and resize: one upright L or RGB image per output width, largest first."""
    with _opened(data, recipe, name) as source:
        raw_width, raw_height = source.size
        orientation = source.getexif().get(_ORIENTATION_TAG, 1)
        transpose = _TRANSPOSE.get(orientation) if isinstance(orientation, int) else None
        swapped = orientation in (5, 6, 7, 8) and transpose is not None
        width, height = (raw_height, raw_width) if swapped else (raw_width, raw_height)
        sizes = [(w, max(1, round(height * w / width))) for w in output_widths(width, recipe)]

        first_w, first_h = sizes[0]
        raw_target = (first_h, first_w) if swapped else (first_w, first_h)
        # Only JPEG implements draft(); it never decodes smaller than the box asked for.
        source.draft(None, raw_target)
        icc = source.info.get("icc_profile")
        largest = _resize(_prepare(source), raw_target)
    largest = _to_srgb(largest, icc if isinstance(icc, bytes) else None)
    if transpose is not None:
        largest = largest.transpose(transpose)
    images = [largest]
    for size in sizes[1:]:
        images.append(_resize(images[-1], size))
    for im in images:
        # resize() copies `info`; saving would otherwise carry the source's comment.
        im.info = {}
    return images


def _resize(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    if im.mode not in _FAST_RESIZE_MODES:
        return im.resize(size, RESAMPLE, reducing_gap=REDUCING_GAP)
    out = Image.new(im.mode, size)
    # A Resizer per call (it costs microseconds): one instance must not be shared by threads.
    Resizer().resize_pil(im, out, _FAST_RESIZE)
    return out


def _prepare(im: Image.Image) -> Image.Image:
    """Decode into a mode that resizes correctly: L, LA, RGB, RGBA or CMYK."""
    if im.mode in _SIXTEEN_BIT:
        # convert("L") would clip every value above 255 to white: scale the 16-bit range.
        return im.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    if im.mode in ("P", "PA"):
        return im.convert("RGBA" if im.has_transparency_data else "RGB")
    if im.mode == "1":
        return im.convert("L")
    if im.mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        im.load()
        return im
    return im.convert("RGB")


def _to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """Flatten alpha onto white and convert colours to sRGB; the result is L or RGB."""
    if im.mode in ("LA", "RGBA"):
        background = Image.new(im.mode[:-1], im.size, "white")
        background.paste(im, mask=im.getchannel("A"))
        im = background
    if icc and im.mode in ("RGB", "CMYK"):
        try:
            converted = ImageCms.profileToProfile(
                im, ImageCms.ImageCmsProfile(io.BytesIO(icc)), _srgb(), outputMode="RGB"
            )
        except ImageCms.PyCMSError:
            # A broken or mismatched profile: the plain conversion below is the best guess.
            converted = None
        if converted is not None:
            return converted
    if im.mode == "CMYK":
        # Pillow already undoes Adobe's inverted CMYK when decoding.
        return im.convert("RGB")
    return im


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _encode(im: Image.Image, fmt: Format, recipe: Recipe) -> bytes:
    buffer = io.BytesIO()
    if fmt == "webp":
        im.save(buffer, "WEBP", quality=recipe.webp_quality, method=WEBP_METHOD)
    else:
        im.save(buffer, "JPEG", quality=recipe.jpeg_quality, optimize=False)
    return buffer.getvalue()


def _average_colour(im: Image.Image) -> str:
    pixel = im.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert isinstance(pixel, tuple)
    return "#{:02x}{:02x}{:02x}".format(*pixel[:3])


def _too_large(name: str, recipe: Recipe, size: tuple[int, int] | None = None) -> ImageError:
    limit = recipe.max_pixels / 1e6
    if size is None:
        message = t(
            "照片 {file} 的尺寸大得异常，超过 {limit:g} 百万像素的上限，已拒绝解码",
            "photo {file} has abnormally large dimensions, above the limit of "
            "{limit:g} megapixels; it was not decoded",
            file=name,
            limit=limit,
        )
    else:
        message = t(
            "照片 {file} 有 {w}×{h}（{mp:.1f} 百万像素），超过 {limit:g} 百万像素的上限，"
            "已拒绝解码：请缩小后再添加",
            "photo {file} is {w}×{h} ({mp:.1f} megapixels), above the limit of "
            "{limit:g} megapixels; it was not decoded: scale it down first",
            file=name,
            w=size[0],
            h=size[1],
            mp=size[0] * size[1] / 1e6,
            limit=limit,
        )
    return ImageError(message, "too_large")


def _not_an_image(name: str) -> ImageError:
    return ImageError(
        t(
            "{file} 不是能识别的图片（支持 JPEG、PNG、WebP、GIF、HEIC）：请检查是否选错了文件",
            "{file} is not an image we can read (JPEG, PNG, WebP, GIF and HEIC are supported): "
            "check that it is the right file",
            file=name,
        ),
        "not_image",
    )


def _damaged(name: str) -> ImageError:
    return ImageError(
        t(
            "照片 {file} 已损坏，无法解码：请重新复制原图",
            "photo {file} is damaged and cannot be decoded: copy the original again",
            file=name,
        ),
        "damaged",
    )
