// Search over the Pagefind index (pagefind/), shown in Material's search box and result list.
// pagefind.js is imported on the first keystroke; it fetches the index chunks for the words
// typed and the fragments of the results shown, nothing else.
(function () {
  "use strict";
  var box = document.querySelector("[data-sb-search]");
  if (!box) return;
  var input = box.querySelector(".md-search__input");
  var form = box.querySelector(".md-search__form");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var shown = 10;
  var engine = null;
  var latest = 0;
  var timer = 0;

  function load() {
    if (!engine) {
      var url = new URL(box.getAttribute("data-sb-search"), document.baseURI).href;
      var root = new URL(box.getAttribute("data-sb-root"), document.baseURI).pathname;
      engine = import(url).then(function (pagefind) {
        return pagefind.options({ baseUrl: root }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function count(n) {
    if (n === 0) return box.getAttribute("data-sb-none");
    if (n === 1) return box.getAttribute("data-sb-one");
    return box.getAttribute("data-sb-other").replace("#", String(n));
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the text; only <mark> is markup
    article.appendChild(title);
    article.appendChild(excerpt);
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      return;
    }
    meta.textContent = box.getAttribute("data-sb-loading");
    load()
      .then(function (pagefind) { return pagefind.search(query); })
      .then(function (search) {
        return Promise.all(search.results.slice(0, shown).map(function (r) { return r.data(); }))
          .then(function (results) { return { total: search.results.length, results: results }; });
      })
      .then(function (found) {
        if (ticket !== latest) return;
        meta.textContent = count(found.total);
        list.replaceChildren.apply(list, found.results.map(item));
      })
      .catch(function () {
        if (ticket !== latest) return;
        engine = null;
        meta.textContent = box.getAttribute("data-sb-unavailable");
      });
  }

  input.addEventListener("focus", function () {
    if (toggle) toggle.checked = true;
    load().catch(function () { engine = null; });
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (toggle) toggle.checked = false;
      input.blur();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () {
    latest++;
    list.replaceChildren();
    input.focus();
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
  }
})();
