// Search over the Pagefind index (pagefind/), in the header's search box.
//
// The index holds every Han character as a word of its own (site_builder/render/search_text.py),
// so a query is asked twice over the same index chunks: once as exact phrases, one per part of
// the query, in which the characters must stand in order and adjacent (which pages contain the
// words), once loosely (how Pagefind ranks them, with its title and heading weights). The
// result is the loose ranking of the pages that contain every phrase. A query holding a
// character only traditional writing uses is searched in its simplified forms (pagefind/t2s.json,
// from OpenCC's table: site_builder/render/search_traditional.py). `sbSearch.find` is the whole
// of it, also run by benchmarks/search_query.mjs in Node for the evaluation in tests/; so is
// `sbSearch.excerpt`, which cuts each result's excerpt from one block of the page's text.
//
// pagefind.js is imported on the first keystroke; it fetches the index chunks of the characters
// typed and the fragments of the results shown, nothing else.
(function (root) {
  "use strict";
  // Han characters, as site_builder/render/search_text.py's HAN.
  var HAN = /[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
  var HAN_ALL = new RegExp(HAN.source, "gu");
  var QUOTES = /["“”「」『』]/g;
  // The marks search_text.py puts before each block: running text, or a heading, cell,
  // caption or term.
  var RUNNING = "\u2063";
  var LABEL = "\u2062";
  var SENTENCE_END = /[。！？!?；;…]$/;
  var CLAUSE_END = /[，、：,:]$/;
  var EXCERPT = 72; // characters at most: three lines on a 390 px phone
  var LEAD = 14; // characters before the words, when a sentence is longer than EXCERPT
  var VARIANTS = 4; // simplified forms of a traditional query searched, at most

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

  // The pages the large shards hold in an older version (or no longer have): the delta index
  // holds the new one (site_builder/render/search_delta.py). Pagefind's ids, from shards.json.
  var hidden = new Set();

  // `results` without the hidden pages, and each page once (an unchanged page the delta holds
  // too has the same id in both), before anything counts or lists them.
  function answering(results) {
    var seen = new Set();
    return results.filter(function (r) {
      if (hidden.has(r.id) || seen.has(r.id)) return false;
      seen.add(r.id);
      return true;
    });
  }

  // Results (Pagefind's result objects, best first) for one form of a query.
  function findForm(pagefind, query) {
    var split = parts(query);
    if (!split.length) return Promise.resolve([]);
    var loose = pagefind.search(split.map(words).join(" ")).then(function (s) {
      return answering(s.results);
    });
    var phrases = split.filter(function (p) { return HAN.test(p); });
    if (!phrases.length) return loose;
    var exact = Promise.all(phrases.map(function (p) { return pagefind.search('"' + words(p) + '"'); }));
    return Promise.all([loose, exact]).then(function (found) {
      var every = found[1].map(ids);
      return found[0].filter(function (r) {
        return every.every(function (set) { return set.has(r.id); });
      });
    });
  }

  // The traditional characters' map (search_traditional.py): where it is, which characters
  // only traditional writing uses (a bitmap from shards.json), and the map once fetched.
  var traditional = null;

  function isTraditional(character) {
    var at = character.codePointAt(0) - traditional.from;
    return at >= 0 && at < traditional.bits.length * 8 && (traditional.bits[at >> 3] & (1 << (at & 7))) > 0;
  }

  function traditionalForms() {
    if (!traditional.forms) {
      // Without the map (a failed request), the query is searched as typed.
      traditional.forms = fetch(traditional.map)
        .then(function (response) { return response.json(); })
        .then(function (table) {
          var forms = new Map();
          var to = Array.from(table.to);
          Array.from(table.from).forEach(function (c, i) { forms.set(c, [to[i]]); });
          table.several.split(" ").forEach(function (entry) {
            var characters = Array.from(entry);
            forms.set(characters[0], characters.slice(1));
          });
          return forms;
        })
        .catch(function () { return new Map(); });
    }
    return traditional.forms;
  }

  // The forms a query is searched in: itself, or, when it holds a character only traditional
  // writing uses, its simplified forms (every combination of the characters with more than
  // one, up to VARIANTS; the first form of the others).
  function forms(query) {
    var characters = Array.from(query);
    if (!traditional || !characters.some(isTraditional)) return Promise.resolve([query]);
    return traditionalForms().then(function (map) {
      var made = [""];
      characters.forEach(function (character) {
        var options = map.get(character) || [character];
        if (made.length * options.length > VARIANTS) options = options.slice(0, 1);
        made = [].concat.apply([], made.map(function (start) {
          return options.map(function (option) { return start + option; });
        }));
      });
      return made;
    });
  }

  // {results: Pagefind's result objects, best first; queries: the forms searched} for a
  // query typed by a reader. The results of several forms are ranked by Pagefind's score.
  function find(pagefind, query) {
    return forms(query).then(function (queries) {
      return Promise.all(queries.map(function (q) { return findForm(pagefind, q); }))
        .then(function (found) {
          if (found.length === 1) return { results: found[0], queries: queries };
          var seen = new Map();
          found.forEach(function (results) {
            results.forEach(function (r) { if (!seen.has(r.id)) seen.set(r.id, r); });
          });
          var merged = Array.from(seen.values()).sort(function (a, b) { return b.score - a.score; });
          return { results: merged, queries: queries };
        });
    });
  }

  // Text from the index as it reads on the page: no spaces around Chinese, no block marks.
  function tidy(text) {
    return text
      .replace(/[\u2062\u2063\u200b]/g, " ")
      .replace(/\s+/g, " ")
      .replace(/([^\x00-\x7f]) /g, "$1")
      .replace(/ ([^\x00-\x7f])/g, "$1")
      .trim();
  }

  // A word as the query compares it: lower case, without the punctuation around it.
  function key(word) {
    return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  // The page's text (Pagefind's `content`) as blocks, each {label, words}. Pagefind ends a
  // block whose text ends in a letter or digit with a full stop of its own: it is dropped.
  function blocksOf(content) {
    var blocks = [];
    var current = { label: true, words: [] };
    function end() {
      var last = current.words.length - 1;
      if (last < 0) return;
      current.words[last] = current.words[last].replace(/([\w%)])\.$/, "$1");
      blocks.push(current);
    }
    content.split(/\s+/).forEach(function (word) {
      if (word === RUNNING || word === LABEL) {
        end();
        current = { label: word === LABEL, words: [] };
      } else if (word) {
        current.words.push(word);
      }
    });
    end();
    return blocks;
  }

  // Where the words of `needle` (keys) first stand in `block`, in order and adjacent, words
  // of punctuation alone skipped: [first, last] word index, or null.
  function hit(block, needle) {
    var at = [];
    block.words.forEach(function (word, index) { if (key(word)) at.push(index); });
    for (var i = 0; i + needle.length <= at.length; i++) {
      var all = needle.every(function (n, j) {
        var word = key(block.words[at[i + j]]);
        return word === n || (j === needle.length - 1 && !HAN.test(n) && word.indexOf(n) === 0);
      });
      if (all) return [at[i], at[i + needle.length - 1]];
    }
    return null;
  }

  function span(words, from, to) {
    var length = 0;
    for (var i = from; i <= to; i++) length += Array.from(words[i]).length;
    return length;
  }

  // The excerpt of one block around words [start, end]: the sentence that holds them and the
  // ones after while they fit in EXCERPT characters; a window of it when it is longer.
  function cut(words, start, end) {
    var from = start;
    while (from > 0 && !SENTENCE_END.test(words[from - 1])) from--;
    var to = end;
    while (to < words.length - 1 && !SENTENCE_END.test(words[to])) to++;
    if (span(words, from, to) > EXCERPT) {
      var lead = start;
      while (lead > from && span(words, lead - 1, start - 1) < LEAD) lead--;
      for (var i = lead; i < start; i++) if (CLAUSE_END.test(words[i])) { lead = i + 1; break; }
      from = lead;
      to = Math.max(end, from);
      while (to < words.length - 1 && span(words, from, to + 1) <= EXCERPT && !SENTENCE_END.test(words[to])) to++;
    } else {
      while (to < words.length - 1) {
        var next = to + 1;
        while (next < words.length - 1 && !SENTENCE_END.test(words[next])) next++;
        if (span(words, from, next) > EXCERPT) break;
        to = next;
      }
    }
    var before = from > 0 && !SENTENCE_END.test(words[from - 1]) ? "…" : "";
    var after = to < words.length - 1 && !SENTENCE_END.test(words[to]) ? "…" : "";
    return before + tidy(words.slice(from, to + 1).join(" ")) + after;
  }

  // A result's excerpt: cut from the block of the page's text that holds the most of the
  // query's parts, running text before headings, cells and captions; never across blocks.
  function excerpt(data, queries) {
    var needles = [];
    queries.forEach(function (q) {
      parts(q).forEach(function (p) { needles.push(words(p).split(" ").map(key).filter(Boolean)); });
    });
    var blocks = blocksOf(data.content || "");
    var best = null;
    blocks.forEach(function (block) {
      var hits = needles.map(function (n) { return n.length ? hit(block, n) : null; })
        .filter(function (h) { return h; });
      if (!hits.length) return;
      var score = (block.label ? 0 : 1000) + hits.length;
      if (best && score <= best.score) return;
      hits.sort(function (a, b) { return a[0] - b[0]; });
      best = { score: score, block: block, start: hits[0][0], end: hits[0][1] };
    });
    if (!best) {
      var first = blocks.filter(function (b) { return !b.label; })[0] || blocks[0];
      return first ? cut(first.words, 0, 0) : "";
    }
    return cut(best.block.words, best.start, best.end);
  }

  // Pagefind's options. No boost for words in the metadata: a story's title is its h1 already
  // (weight 7), and a tag page's title holds nothing but the tag.
  var options = {
    ranking: { metaWeights: { title: 0, community: 0, date: 0, image: 0, image_alt: 0 } },
  };

  // The index comes in shards (site_builder/render/search.py): the bundle whose folder URL is
  // `bundle` (ending in "/") is the first, and its shards.json lists the others, merged in (the
  // delta index of recently changed pages among them), the pages they must not answer for, and
  // says where the map of traditional characters is.
  function openIndex(pagefind, bundle, settings) {
    return pagefind
      .options(settings)
      .then(function () { return fetch(new URL("shards.json", bundle).href); })
      .then(function (response) { return response.json(); })
      .then(function (listed) {
        var t = listed.traditional;
        hidden = new Set(listed.hidden || []);
        if (t) {
          var bits = Uint8Array.from(atob(t.bits), function (c) { return c.charCodeAt(0); });
          traditional = { map: new URL(t.map, bundle).href, from: t.from, bits: bits, forms: null };
        }
        return Promise.all(listed.shards.map(function (folder) {
          return pagefind.mergeIndex(new URL(folder, bundle).href, settings);
        }));
      })
      .then(function () { return pagefind; });
  }

  root.sbSearch = {
    find: find, excerpt: excerpt, openIndex: openIndex, parts: parts, words: words, tidy: tidy,
    options: options,
  };

  if (typeof document === "undefined") return;
  var box = document.querySelector("[data-sb-search]");
  if (!box) return;
  var input = box.querySelector("input[name=query]");
  var form = box.querySelector("form");
  var meta = box.querySelector(".sb-search-count");
  var list = box.querySelector(".sb-search-list");
  var more = box.querySelector(".sb-search-more");
  var opener = box.querySelector(".sb-search-open");
  var PAGE = 10; // results shown at once; the "more" button shows the next ones
  var engine = null;
  var latest = 0;
  var timer = 0;
  var found = null; // the last query's {results, queries, shown}

  function label(name) { return box.getAttribute("data-sb-" + name) || ""; }

  // What each kind of page is called, by the first folder of its address (site_builder's
  // output/urls.py), as the partial names it ("stories:故事 collections:典型采撷 … :首页").
  var kinds = new Map(label("kinds").split(" ").map(function (pair) { return pair.split(":"); }));

  function kindOf(url) {
    var root = new URL(label("root"), document.baseURI).pathname;
    var path = new URL(url, document.baseURI).pathname;
    return kinds.get(path.indexOf(root) === 0 ? path.slice(root.length).split("/")[0] : "");
  }

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

  // `text` as nodes, each occurrence of a part of one of `queries` in a <mark>.
  function highlighted(text, queries) {
    var fragment = document.createDocumentFragment();
    var needles = [].concat.apply([], queries.map(parts)).map(function (p) { return p.toLowerCase(); });
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

  // One result: its title; what kind of page it is, its community and date; its excerpt.
  function item(data, queries) {
    var li = element("li", "sb-search-item");
    var link = element("a", "sb-search-link");
    link.href = data.url;
    var info = data.meta || {};
    link.appendChild(element("span", "sb-search-title", tidy(info.title || data.url)));
    var facts = element("span", "sb-search-facts");
    var kind = kindOf(data.url);
    if (kind) facts.appendChild(element("span", "sb-search-kind", kind));
    [info.community, info.date].forEach(function (fact) {
      if (!fact) return;
      var after = facts.lastChild;
      if (after) facts.appendChild(document.createTextNode(after.nodeType === 1 ? " " : " · "));
      facts.appendChild(document.createTextNode(tidy(fact)));
    });
    if (facts.childNodes.length) link.appendChild(facts);
    var text = element("span", "sb-search-excerpt");
    text.appendChild(highlighted(excerpt(data, queries), queries));
    link.appendChild(text);
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

  // Show the next PAGE results of the last query (their fragments are fetched now), after the
  // ones shown or, for a new query, in their place with the count; the "more" button says how
  // many are left, and is hidden when none are.
  function showMore(ticket, query) {
    var next = found.results.slice(found.shown, found.shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (ticket !== latest) return null;
      var items = data.map(function (d) { return item(d, found.queries); });
      if (query !== undefined) {
        var total = found.results.length;
        meta.textContent = total ? count(total) : "";
        list.replaceChildren.apply(list, total ? items : [nothing(query)]);
      } else {
        items.forEach(function (li) { list.appendChild(li); });
      }
      found.shown += items.length;
      var left = found.results.length - found.shown;
      more.hidden = left <= 0;
      more.textContent = label("more").replace("#", String(left));
      return items[0] || null;
    });
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      more.hidden = true;
      meta.textContent = label("placeholder");
      list.replaceChildren();
      return;
    }
    meta.textContent = label("loading");
    load()
      .then(function (pagefind) { return find(pagefind, query); })
      .then(function (answer) {
        if (ticket !== latest) return null;
        found = { results: answer.results, queries: answer.queries, shown: 0 };
        return showMore(ticket, query);
      })
      .catch(function () {
        if (ticket !== latest) return;
        engine = null;
        more.hidden = true;
        meta.textContent = label("unavailable");
        list.replaceChildren();
      });
  }

  // The next results; the keyboard goes on from the first of them.
  more.addEventListener("click", function () {
    showMore(latest).then(function (first) {
      if (first) first.querySelector("a").focus();
    });
  });

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
    more.hidden = true;
    meta.textContent = label("placeholder");
    list.replaceChildren();
    input.focus();
  });
})(typeof window !== "undefined" ? window : globalThis);
