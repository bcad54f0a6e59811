// The start page's Word import (after start.js, whose `answer` and `showError` it uses): the
// document is uploaded and imported at once; the page shows the new draft, its pictures, what
// the checks found at which line, and links to the draft in the editor and in the preview.
"use strict";

const WORD = ENGLISH ? {
  running: "Importing the document…", done: (title) => `Imported as a draft: ${title}`,
  file: "File: ", pictures: (n, files) => `The ${n} picture(s) were saved as photos: ${files}. In the editor, write each one's alt text; add people and consent where people can be recognised.`,
  findings: "What the check found, at its line (fix in the editor):", clean: "The check found nothing to fix.",
  edit: "Open this story in the editor", preview: "See it in the preview", opening: "Opening the preview…",
  choose: "Choose a Word document first", list: ", ",
} : {
  running: "正在导入文档……", done: (title) => `已导入为草稿:《${title}》`,
  file: "文件:", pictures: (n, files) => `文中的 ${n} 张图片已存为照片:${files}。请在编辑器里为每张照片写替代文字(alt),有可辨认的人时填写照片中的人和同意情况。`,
  findings: "检查发现的问题(按行号,请在编辑器里修改):", clean: "检查没有发现要改的地方。",
  edit: "在编辑器中打开这篇故事", preview: "在预览中查看", opening: "正在打开预览……",
  choose: "请先选择 Word 文档", list: "、",
};

function line(box, text, className) {
  const p = document.createElement("p");
  if (className) p.className = className;
  p.textContent = text;
  box.append(p);
  return p;
}

function link(href, text, primary) {
  const a = document.createElement("a");
  a.href = href;
  a.className = primary ? "button primary" : "button";
  a.textContent = text;
  return a;
}

// The preview runs only once asked for: the button starts it, then becomes the link.
function previewButton(page) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button";
  button.textContent = WORD.preview;
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = WORD.opening;
    try {
      let task = await answer(await fetch("/api/preview", { method: "POST" }));
      while (task.state === "running") {
        await new Promise((r) => setTimeout(r, 1000));
        task = await answer(await fetch(`/api/tasks/${task.id}`));
      }
      if (!task.url) throw new Error(task.output || WORDS.again);
      const opened = link(task.url + page, WORD.preview, false);
      opened.target = "_blank";
      opened.rel = "noopener";
      button.replaceWith(opened);
    } catch (error) {
      button.disabled = false;
      button.textContent = WORD.preview;
      line(button.parentElement, error.message, "status bad");
    }
  });
  return button;
}

function showImported(box, story) {
  box.replaceChildren();
  line(box, WORD.done(story.title), "status ok");
  line(box, WORD.file + story.path);
  if (story.pictures.length) {
    const names = story.pictures.map((p) => p.split("/").pop()).join(WORD.list);
    line(box, WORD.pictures(story.pictures.length, names));
  }
  if (story.findings.length) {
    line(box, WORD.findings, "status");
    const pre = document.createElement("pre");
    pre.textContent = story.findings.map((f) => f.text).join("\n\n");
    box.append(pre);
  } else {
    line(box, WORD.clean);
  }
  const links = document.createElement("div");
  links.className = "links";
  links.append(link(story.editor, WORD.edit, true));
  if (story.preview) {
    const opened = link(story.preview, WORD.preview, false);
    opened.target = "_blank";
    opened.rel = "noopener";
    links.append(opened);
  } else {
    links.append(previewButton(story.page));
  }
  box.append(links);
}

document.getElementById("word-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = document.getElementById("word-file").files[0];
  const community = document.getElementById("word-community").value;
  const box = document.getElementById("word-result");
  const button = document.getElementById("import-word");
  if (!file) { showError(box, WORD.choose); return; }
  box.replaceChildren();
  const status = line(box, WORD.running, "status");
  const spin = document.createElement("span");
  spin.className = "spinner";
  status.prepend(spin);
  button.disabled = true;
  try {
    const query = new URLSearchParams({ community, name: file.name });
    showImported(box, await answer(await fetch(`/api/import-story?${query}`, { method: "POST", body: file })));
  } catch (error) {
    showError(box, error.message);
  } finally {
    button.disabled = false;
  }
});
