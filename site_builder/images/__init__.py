"""Photo derivatives: resized, upright, sRGB, metadata-free WebP and JPEG, cached by content.

The flow: `resolve_photo` finds a source inside content/, `process_photos` makes (or reuses)
its derivatives in the cache (the compiler links them into its tree), `find_metadata` checks
nothing leaked.
"""

from site_builder.images.cache import ImageCache
from site_builder.images.derive import (
    Derivatives,
    check_photo,
    derive_bytes,
    derive_photo,
    output_widths,
    read_source,
)
from site_builder.images.errors import ImageError
from site_builder.images.inspect import find_metadata
from site_builder.images.paths import resolve_photo
from site_builder.images.pool import PhotoBatch, process_photos
from site_builder.images.processed import ProcessedPhoto, Variant
from site_builder.images.recipe import Recipe, photo_key

__all__ = [
    "Derivatives",
    "ImageCache",
    "ImageError",
    "PhotoBatch",
    "ProcessedPhoto",
    "Recipe",
    "Variant",
    "check_photo",
    "derive_bytes",
    "derive_photo",
    "find_metadata",
    "output_widths",
    "photo_key",
    "process_photos",
    "read_source",
    "resolve_photo",
]
