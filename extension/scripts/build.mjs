/** One-command build: bundle the entry points with esbuild and copy static files into dist/. */

import { build } from "esbuild";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

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
});

for (const file of ["popup/popup.html", "popup/popup.css", "options/options.html", "options/options.css", "report/report.html"]) {
  await cp(join(root, "src", file), join(dist, file.split("/").pop()));
}
await cp(join(root, "static/icons"), join(dist, "icons"), { recursive: true });

const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const manifest = JSON.parse(await readFile(join(root, "static/manifest.json"), "utf8"));
manifest.version = pkg.version;
await writeFile(join(dist, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`built ${dist}`);
