// The start page's buttons: each starts a job on the editor's server and shows its result,
// asking for it every second until it is there.
"use strict";

// Chinese unless the editor was started with `--lang en` (the server marks the page `lang="en"`).
const ENGLISH = document.documentElement.lang === "en";
const WORDS = ENGLISH ? {
  check: { running: "Checking…", done: "Check passed", failed: "The check found problems; fix them as shown:" },
  build: { running: "Building the site…", done: "Site published", failed: "Not published; the previous site stays:" },
  import: { running: "Importing…", done: "Import done", failed: "Import not done; no file changed:" },
  preview: { running: "Opening the preview…", done: "Preview running", failed: "The preview did not open:" },
  open: "Open the preview", elapsed: (s) => ` (${s} s)`, choose: "Choose a ledger file first", again: "Something went wrong; reload the page",
} : {
  check: { running: "正在检查……", done: "检查通过", failed: "检查发现问题,请按下面的提示修改:" },
  build: { running: "正在生成网站……", done: "网站已发布", failed: "没有发布,原来的网站保持不变:" },
  import: { running: "正在导入……", done: "导入完成", failed: "导入没有完成,文件没有改动:" },
  preview: { running: "正在打开预览……", done: "预览已打开", failed: "预览没能打开:" },
  open: "打开预览", elapsed: (s) => `(${s} 秒)`, choose: "请先选择台账文件", again: "出错了,请刷新页面再试",
};
if (ENGLISH) {
  for (const element of document.querySelectorAll("[data-en]")) element.textContent = element.dataset.en;
}

function show(box, kind, task) {
  box.replaceChildren();
  const status = document.createElement("p");
  status.className = "status " + (task.state === "done" ? "ok" : task.state === "failed" ? "bad" : "");
  if (task.state === "running") {
    const spin = document.createElement("span");
    spin.className = "spinner";
    status.append(spin);
  }
  status.append(WORDS[kind][task.state] + (task.state === "running" ? WORDS.elapsed(task.seconds) : ""));
  box.append(status);
  if (task.url) {
    const link = document.createElement("a");
    link.href = task.url;
    link.target = "_blank";
    link.rel = "noopener";
    link.className = "button primary";
    link.textContent = WORDS.open;
    box.append(link);
  }
  if (task.output && task.state !== "running") {
    const pre = document.createElement("pre");
    pre.textContent = task.output;
    box.append(pre);
  }
}

function showError(box, message) {
  box.replaceChildren();
  const p = document.createElement("p");
  p.className = "status bad";
  p.textContent = message;
  box.append(p);
}

async function answer(response) {
  let body = {};
  try { body = await response.json(); } catch (e) { body = {}; }
  if (!response.ok) throw new Error(body.error || WORDS.again);
  return body;
}

async function follow(kind, box, button, started) {
  button.disabled = true;
  try {
    let task = await answer(await started);
    show(box, kind, task);
    while (task.state === "running") {
      await new Promise((r) => setTimeout(r, 1000));
      task = await answer(await fetch(`/api/tasks/${task.id}`));
      show(box, kind, task);
    }
  } catch (error) {
    showError(box, error.message);
  } finally {
    button.disabled = false;
  }
}

for (const kind of ["check", "build", "preview"]) {
  const button = document.getElementById(kind);
  const box = document.getElementById(`${kind}-result`);
  button.addEventListener("click", () => follow(kind, box, button, fetch(`/api/${kind}`, { method: "POST" })));
}

document.getElementById("import-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const file = document.getElementById("ledger").files[0];
  const community = document.getElementById("community").value;
  const box = document.getElementById("import-result");
  if (!file) { showError(box, WORDS.choose); return; }
  const update = document.getElementById("update").checked ? "1" : "0";
  const query = new URLSearchParams({ community, name: file.name, update });
  follow("import", box, document.getElementById("import"),
    fetch(`/api/import?${query}`, { method: "POST", body: file }));
});

// The ledger's and the Word document's choice of community.
fetch("/api/communities").then(answer).then((list) => {
  for (const select of document.querySelectorAll('select[name="community"]')) {
    for (const community of list) {
      const option = document.createElement("option");
      option.value = community.id;
      option.textContent = `${community.name}(${community.id})`;
      select.append(option);
    }
  }
}).catch((error) => showError(document.getElementById("import-result"), error.message));
