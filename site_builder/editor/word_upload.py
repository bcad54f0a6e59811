"""A Word document uploaded on the start page, imported as `import story` would import it.

The upload is kept under `.cache/editor/` (never in `content/`, never published) with the name
staff gave it, so every message names their file, and is removed once read, whatever happened.
The import itself is word_import's: a draft story and its pictures, never over an existing
file. It runs under the save lock, so a save from the editor never interleaves with it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from site_builder.editor import preview_links
from site_builder.editor.decap_config import STORY_COLLECTION
from site_builder.editor.paths import safe_file_name
from site_builder.editor.protocol import ApiError, EditorState
from site_builder.i18n import t
from site_builder.word_import.story import ImportedStory, ImportRefused, import_story, refusal


def document_name(name: str) -> str:
    """The uploaded file's name made safe; ApiError (415) with the CLI's own advice for a
    .doc, .wps, .pdf or anything else that is no .docx, before any byte is read."""
    safe = safe_file_name(name or "document.docx")
    refused = refusal(Path(safe))
    if refused is not None:
        raise ApiError(refused, 415)
    return safe


def import_word(
    state: EditorState, community: str, name: str, data: bytes, preview_url: str
) -> dict[str, Any]:
    """Import the uploaded document `data` (called `name`) as a draft of `community`; what
    the start page shows. ApiError when nothing was written, saying why."""
    project = state.project
    holder = project.cache_dir / "editor"
    holder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="word-", dir=holder) as folder:
        document = Path(folder) / name
        document.write_bytes(data)
        with state.checker.lock:
            try:
                result = import_story(project, document, community)
            except ImportRefused as refused:
                raise ApiError(str(refused), 422) from None
    if result.path is None:
        raise ApiError(_not_written(result), 409)
    path = project.relative(result.path)
    page = preview_links.page_of(project, path)
    return {
        "title": result.title,
        "path": path,
        "pictures": [project.relative(p) for p in result.pictures],
        "findings": [
            {"severity": str(d.severity), "line": d.line, "text": str(d)}
            for d in result.findings.sorted()
        ],
        "editor": f"/admin/#/collections/{STORY_COLLECTION}/entries/{result.path.stem}",
        "page": page,
        "preview": preview_url + page if preview_url else "",
    }


def _not_written(result: ImportedStory) -> str:
    """Why no story was written: a file of its name exists (the CLI's advice names --slug,
    which the start page has not)."""
    taken = sorted({d.path for d in result.findings.errors})
    return t(
        "没有导入:{files} 已经存在,不会覆盖。若就是这篇故事,请点“编辑内容”打开它;"
        "若是另一篇,请在 Word 里把标题改得不同,保存后再导入",
        "not imported: {files} exists and is not overwritten. If it is this story, open it "
        "with Edit content; if it is another one, give it a different title in Word, save "
        "and import again",
        files="、".join(taken),
    )
