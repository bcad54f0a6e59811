// Search the built site as its search box does: loads the site's pagefind.js and the site's own
// assets/search.js (whose sbSearch.find is the box's whole query logic) in Node, answers their
// fetches from the site folder, and prints one JSON line per query given on stdin (one a line):
// {"query", "forms": the forms searched (simplified ones for a traditional query), "urls": every
// page found, best first, "shown": the first ten with their excerpt, as the box shows}.
//
//     printf '志愿服务\n吉祥园\n' | node benchmarks/search_query.mjs site/
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { pathToFileURL } from "node:url";

const site = path.resolve(process.argv[2]);
const bundle = path.join(site, "pagefind");
globalThis.fetch = async (input) => {
  const target = typeof input === "string" ? input : input.url ?? String(input);
  const file = target.startsWith("file:") ? new URL(target).pathname : path.join(bundle, target);
  return new Response(fs.readFileSync(decodeURIComponent(file)));
};
vm.runInThisContext(fs.readFileSync(path.join(site, "assets", "search.js"), "utf-8"));
const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
await pagefind.options({ basePath: pathToFileURL(bundle).href + "/" });
await globalThis.sbSearch.openIndex(pagefind, pathToFileURL(bundle).href + "/", { baseUrl: "/", ...globalThis.sbSearch.options });
const queries = fs.readFileSync(0, "utf-8").split("\n").filter((q) => q.trim());
for (const query of queries) {
  const found = await globalThis.sbSearch.find(pagefind, query);
  const data = await Promise.all(found.results.map((r) => r.data()));
  console.log(JSON.stringify({
    query,
    forms: found.queries,
    urls: data.map((d) => d.url),
    shown: data.slice(0, 10).map((d) => ({
      url: d.url,
      title: globalThis.sbSearch.tidy(d.meta.title ?? ""),
      excerpt: globalThis.sbSearch.excerpt(d, found.queries),
    })),
  }));
}
