// What a reader downloads to run one search: loads the site's pagefind.js in Node, answers its
// fetches from the site folder, runs one query the way the site's search box does (its own
// assets/search.js, sbSearch.find), loads the results shown (10), and prints JSON
// with the pages found (site-relative URLs) and every file fetched, with its size. The tests
// use it too, to search the built sample site. The search UI's own files (our search.js, Material's
// CSS) are on every page already and are not counted here; run.py adds search.js.
//
//     node benchmarks/search_bytes.mjs site/ 志愿者
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { pathToFileURL } from "node:url";

const [site, query] = process.argv.slice(2);
const bundle = path.join(path.resolve(site), "pagefind");
const fetched = [];

function answer(target) {
  const file = target.startsWith("file:") ? new URL(target).pathname : path.join(bundle, target);
  const data = fs.readFileSync(decodeURIComponent(file));
  fetched.push({ file: path.relative(path.resolve(site), decodeURIComponent(file)), bytes: data.length });
  return new Response(data);
}
globalThis.fetch = async (input) => answer(typeof input === "string" ? input : input.url ?? String(input));

const script = path.join(bundle, "pagefind.js");
fetched.push({ file: "pagefind/pagefind.js", bytes: fs.statSync(script).size });
vm.runInThisContext(fs.readFileSync(path.join(path.resolve(site), "assets", "search.js"), "utf-8"));
const pagefind = await import(pathToFileURL(script).href);
await pagefind.options({ basePath: pathToFileURL(bundle).href + "/" });
await globalThis.sbSearch.openIndex(pagefind, pathToFileURL(bundle).href + "/", { baseUrl: "/", ...globalThis.sbSearch.options });
const { results, queries } = await globalThis.sbSearch.find(pagefind, query);
const shown = await Promise.all(results.slice(0, 10).map((r) => r.data()));
shown.forEach((d) => globalThis.sbSearch.excerpt(d, queries));
const total = fetched.reduce((sum, f) => sum + f.bytes, 0);
console.log(JSON.stringify({ query, results: results.length, first: shown.map((r) => r.url), total, fetched }));
