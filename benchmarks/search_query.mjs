// Search the built site as its search box does: loads the site's pagefind.js and the site's own
// assets/search.js (whose sbSearch.find is the box's whole query logic) in Node, answers their
// fetches from the site folder, and prints one JSON line per query given on stdin (one a line):
// {"query", "urls": every page found, best first, "shown": the first ten with their excerpts}.
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
  const results = await globalThis.sbSearch.find(pagefind, query);
  const shown = await Promise.all(results.slice(0, 10).map((r) => r.data()));
  const urls = (await Promise.all(results.map((r) => r.data()))).map((d) => d.url);
  console.log(JSON.stringify({
    query,
    urls,
    shown: shown.map((d) => ({ url: d.url, title: globalThis.sbSearch.tidy(d.meta.title ?? ""), excerpt: d.excerpt })),
  }));
}
