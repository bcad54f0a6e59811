// Search over the Pagefind index (pagefind/), in the header's search box.
//
// The index holds every Han character as a word of its own (site_builder/render/search_text.py),
// so a query is asked twice over the same index chunks: once as exact phrases, one per part of
// the query, in which the characters must stand in order and adjacent (which pages contain the
// words), once loosely (how Pagefind ranks them, with its title and heading weights). The
// result is the loose ranking of the pages that contain every phrase. `sbSearch.find` is the
// whole of it, also run by benchmarks/search_query.mjs in Node for the evaluation in tests/.
//
// pagefind.js is imported on the first keystroke; it fetches the index chunks of the characters
// typed and the fragments of the results shown, nothing else.
(function (root) {
  "use strict";
  // Han characters, as site_builder/render/search_text.py's HAN.
  var HAN = /[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
  var HAN_ALL = new RegExp(HAN.source, "gu");
  var QUOTES = /["“”「」『』]/g;

  function parts(query) {
    return query.replace(QUOTES, " ").split(/\s+/).filter(function (p) { return p; });
  }

  // A part as the index holds it: each Han character a word, digits and letters as runs.
  function words(part) {
    return part.replace(HAN_ALL, " $& ").replace(/\s+/g, " ").trim();
  }

  function ids(search) {
    var set = new Set();
    search.results.forEach(function (r) { set.add(r.id); });
    return set;
  }

  // Results (Pagefind's result objects, best first) for a query typed by a reader.
  function find(pagefind, query) {
    var split = parts(query);
    if (!split.length) return Promise.resolve([]);
    var loose = pagefind.search(split.map(words).join(" "));
    var phrases = split.filter(function (p) { return HAN.test(p); });
    if (!phrases.length) return loose.then(function (s) { return s.results; });
    var exact = Promise.all(phrases.map(function (p) { return pagefind.search('"' + words(p) + '"'); }));
    return Promise.all([loose, exact]).then(function (found) {
      var first = new Map();
      found[1][0].results.forEach(function (r) { first.set(r.id, r); });
      var every = found[1].slice(1).map(ids);
      return found[0].results
        .filter(function (r) {
          return first.has(r.id) && every.every(function (set) { return set.has(r.id); });
        })
        // The exact result's excerpt is centred on the phrase.
        .map(function (r) { return first.get(r.id); });
    });
  }

  // Text from the index as it reads on the page: no spaces around Chinese, no block marks.
  function tidy(text) {
    return text
      .replace(/[\u2063\u200b]/g, " ")
      .replace(/\s+/g, " ")
      .replace(/([^\x00-\x7f]) /g, "$1")
      .replace(/ ([^\x00-\x7f])/g, "$1")
      .trim();
  }

  // Pagefind's excerpt (escaped text with <mark>) as plain text.
  function plain(excerpt) {
    var holder = document.createElement("div");
    holder.innerHTML = excerpt;
    return tidy(holder.textContent || "");
  }

  // Pagefind's options. No boost for words in the metadata: a story's title is its h1 already
  // (weight 7), and a tag page's title holds nothing but the tag.
  var options = {
    excerptLength: 40,
    ranking: { metaWeights: { title: 0, community: 0, date: 0, image: 0, image_alt: 0 } },
  };

  // The index comes in shards (site_builder/render/search.py): the bundle whose folder URL is
  // `bundle` (ending in "/") is the first, and its shards.json lists the others, merged in.
  function openIndex(pagefind, bundle, settings) {
    return pagefind
      .options(settings)
      .then(function () { return fetch(new URL("shards.json", bundle).href); })
      .then(function (response) { return response.json(); })
      .then(function (listed) {
        return Promise.all(listed.shards.map(function (folder) {
          return pagefind.mergeIndex(new URL(folder, bundle).href, settings);
        }));
      })
      .then(function () { return pagefind; });
  }

  root.sbSearch = {
    find: find, openIndex: openIndex, parts: parts, words: words, tidy: tidy, options: options,
  };

  if (typeof document === "undefined") return;
  var box = document.querySelector("[data-sb-search]");
  if (!box) return;
  var input = box.querySelector("input[name=query]");
  var form = box.querySelector("form");
  var meta = box.querySelector(".sb-search-count");
  var list = box.querySelector(".sb-search-list");
  var opener = box.querySelector(".sb-search-open");
  var shown = 10;
  var engine = null;
  var latest = 0;
  var timer = 0;

  function label(name) { return box.getAttribute("data-sb-" + name) || ""; }

  function load() {
    if (!engine) {
      var url = new URL(label("search"), document.baseURI).href;
      var base = new URL(label("root"), document.baseURI).pathname;
      engine = import(url).then(function (pagefind) {
        return openIndex(pagefind, new URL(".", url).href, Object.assign({ baseUrl: base }, options));
      });
    }
    return engine;
  }

  function count(n) {
    return (n === 1 ? label("one") : label("other")).replace("#", String(n));
  }

  // `text` as nodes, each occurrence of a query part in a <mark>.
  function highlighted(text, query) {
    var fragment = document.createDocumentFragment();
    var needles = parts(query).map(function (p) { return p.toLowerCase(); });
    var lower = text.toLowerCase();
    var at = 0;
    while (at < text.length) {
      var next = -1;
      var length = 0;
      needles.forEach(function (n) {
        var i = lower.indexOf(n, at);
        if (i >= 0 && (next < 0 || i < next || (i === next && n.length > length))) {
          next = i;
          length = n.length;
        }
      });
      if (next < 0) break;
      fragment.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      fragment.appendChild(mark);
      at = next + length;
    }
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function item(data, query) {
    var li = element("li", "sb-search-item");
    var link = element("a", "sb-search-link");
    link.href = data.url;
    var info = data.meta || {};
    link.appendChild(element("span", "sb-search-title", tidy(info.title || data.url)));
    var facts = [info.community, info.date].filter(function (f) { return f; }).map(tidy);
    if (facts.length) link.appendChild(element("span", "sb-search-facts", facts.join(" · ")));
    var excerpt = element("span", "sb-search-excerpt");
    excerpt.appendChild(highlighted(plain(data.excerpt || ""), query));
    link.appendChild(excerpt);
    li.appendChild(link);
    return li;
  }

  function nothing(query) {
    var li = element("li", "sb-search-empty");
    li.appendChild(element("span", "", label("none").replace("#", query)));
    li.appendChild(document.createTextNode(" "));
    var tags = element("a", "sb-search-tags", label("tags-text"));
    tags.href = new URL(label("tags"), document.baseURI).href;
    li.appendChild(tags);
    return li;
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      meta.textContent = label("placeholder");
      list.replaceChildren();
      return;
    }
    meta.textContent = label("loading");
    load()
      .then(function (pagefind) { return find(pagefind, query); })
      .then(function (results) {
        return Promise.all(results.slice(0, shown).map(function (r) { return r.data(); }))
          .then(function (data) { return { total: results.length, data: data }; });
      })
      .then(function (found) {
        if (ticket !== latest) return;
        meta.textContent = found.total ? count(found.total) : "";
        list.replaceChildren.apply(
          list,
          found.total ? found.data.map(function (d) { return item(d, query); }) : [nothing(query)]
        );
      })
      .catch(function () {
        if (ticket !== latest) return;
        engine = null;
        meta.textContent = label("unavailable");
        list.replaceChildren();
      });
  }

  // Open: the field widens (desktop) or covers the page (phone); search.css draws both.
  function open() {
    if (box.classList.contains("sb-search--open")) return;
    box.classList.add("sb-search--open");
    document.documentElement.classList.add("sb-search-locked");
    opener.setAttribute("aria-expanded", "true");
    load().catch(function () { engine = null; });
  }

  function close() {
    box.classList.remove("sb-search--open");
    document.documentElement.classList.remove("sb-search-locked");
    opener.setAttribute("aria-expanded", "false");
  }

  opener.addEventListener("click", function () {
    open();
    input.focus();
  });
  box.querySelector(".sb-search-back").addEventListener("click", function () {
    close();
    opener.focus();
  });
  box.querySelector(".sb-search-shade").addEventListener("click", close);
  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  // Escape closes the box; "/" opens it from anywhere outside a field.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && box.classList.contains("sb-search--open")) {
      close();
      if (box.contains(document.activeElement)) document.activeElement.blur();
    } else if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey) {
      var at = document.activeElement;
      if (at && (at.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(at.tagName))) return;
      event.preventDefault();
      open();
      input.focus();
    }
  });
  // Leaving the box by the keyboard (Tab past its last result) closes it.
  box.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) close();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a.sb-search-link");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () {
    latest++;
    meta.textContent = label("placeholder");
    list.replaceChildren();
    input.focus();
  });
})(typeof window !== "undefined" ? window : globalThis);
