/**
 * One-command build: bundle the entry points with esbuild and copy static files into dist/
 * (or `--outdir DIR`). The default API address is PROVNOTES_PUBLIC_BASE_URL, as for the server.
 */

import { build } from "esbuild";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { normalizeApiBase } from "../src/shared/urls.js";
import { SERVER_MATCHING_DATA } from "../src/shared/privacy.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({ options: { outdir: { type: "string" } } });
const dist = args.outdir ? resolve(args.outdir) : join(root, "dist");
const requested = process.env.PROVNOTES_PUBLIC_BASE_URL || "http://127.0.0.1:8000";
const apiBase = normalizeApiBase(requested);
if (!apiBase) {
  console.error(`error: PROVNOTES_PUBLIC_BASE_URL=${requested} is not an http(s) address without query or fragment`);
  process.exit(1);
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

await build({
  entryPoints: {
    background: join(root, "src/background/index.js"),
    content: join(root, "src/content/index.js"),
    popup: join(root, "src/popup/popup.js"),
    options: join(root, "src/options/options.js"),
    report: join(root, "src/report/report.js"),
  },
  outdir: dist,
  bundle: true,
  format: "iife",
  target: ["chrome120", "firefox128"],
  charset: "utf8",
  legalComments: "eof",
  logLevel: "warning",
  define: { __PROVNOTES_DEFAULT_API_BASE__: JSON.stringify(apiBase) },
});

for (const file of ["popup/popup.html", "popup/popup.css", "options/options.html", "options/options.css", "report/report.html"]) {
  await cp(join(root, "src", file), join(dist, file.split("/").pop()));
}
await cp(join(root, "static/icons"), join(dist, "icons"), { recursive: true });

const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const manifest = JSON.parse(await readFile(join(root, "static/manifest.json"), "utf8"));
manifest.version = pkg.version;
// Firefox's consent list, from the privacy statement: nothing by default, the server opt-in optional.
manifest.browser_specific_settings.gecko.data_collection_permissions = { required: ["none"], optional: [...SERVER_MATCHING_DATA] };
await writeFile(join(dist, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`built ${dist} (default API address ${apiBase})`);
