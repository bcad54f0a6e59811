// What the project's checks say about a save, in a panel that stays until the staff member
// closes it: after Decap says a file is saved, the warnings that would stop publishing and the
// problems to fix before a draft goes out (from the editor's server); when the server refuses
// a save, its Chinese message and each error at its line (Decap's own notice is a short-lived
// line of text, prefixed with an error code).
"use strict";

function reportPanel() {
  let panel = document.getElementById("save-report");
  if (!panel) {
    panel = document.createElement("section");
    panel.id = "save-report";
    panel.setAttribute("role", "status");
    panel.setAttribute("aria-live", "polite");
    document.body.append(panel);
  }
  return panel;
}

function showPanel(heading, items, hint, refused) {
  const panel = reportPanel();
  panel.replaceChildren();
  panel.className = refused ? "refused" : "";
  const title = document.createElement("h2");
  title.textContent = heading;
  const list = document.createElement("ul");
  for (const item of items) {
    const li = document.createElement("li");
    li.textContent = item.line ? `${item.path} 第 ${item.line} 行:${item.message}` : item.message;
    list.append(li);
  }
  panel.append(title, list);
  if (hint) {
    const p = document.createElement("p");
    p.textContent = hint;
    panel.append(p);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "知道了";
  close.addEventListener("click", () => { panel.hidden = true; });
  panel.append(close);
  panel.hidden = false;
}

function showReport(report) {
  const items = [...report.warnings, ...report.notes];
  if (items.length === 0) {
    reportPanel().hidden = true;
    return;
  }
  showPanel("已保存。发布网站之前,还要处理下面的问题:", items, report.hint, false);
}

function showRefusal(answer) {
  // The message's first line says what happened; the errors follow it, one a line.
  const listed = answer.errors && answer.errors.length > 0;
  const errors = listed ? answer.errors : [{ message: answer.error }];
  showPanel(listed ? answer.error.split("\n")[0] : "没有保存,文件保持原样:", errors, "", true);
}

// Decap sends saves through fetch: a refused one is read here, then handed on unchanged.
const decapFetch = window.fetch.bind(window);
window.fetch = async (resource, options) => {
  const response = await decapFetch(resource, options);
  const body = options && typeof options.body === "string" ? options.body : "";
  if (!response.ok && String(resource).endsWith("/api/v1") && body.includes('"persist')) {
    response.clone().json().then(showRefusal, () => {});
  }
  return response;
};

CMS.registerEventListener({
  name: "postSave",
  handler: async ({ entry }) => {
    const path = entry.get("path");
    try {
      const response = await fetch(`/api/save-report?path=${encodeURIComponent(path)}`);
      if (response.ok) showReport(await response.json());
    } catch (error) {
      // The save itself succeeded; a missing report only means no panel.
    }
  },
});
