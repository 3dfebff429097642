import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Build into a temporary folder with PROVNOTES_PUBLIC_BASE_URL set (or unset) as given. */
function buildWith(publicBaseUrl) {
  const out = mkdtempSync(join(tmpdir(), "pn-dist-"));
  const env = { ...process.env };
  delete env.PROVNOTES_PUBLIC_BASE_URL;
  if (publicBaseUrl !== undefined) env.PROVNOTES_PUBLIC_BASE_URL = publicBaseUrl;
  const run = spawnSync(process.execPath, ["scripts/build.mjs", "--outdir", out], { cwd: root, env, encoding: "utf8" });
  const read = (file) => readFileSync(join(out, file), "utf8");
  return { run, read, done: () => rmSync(out, { recursive: true, force: true }) };
}

test("the build takes its default API address from PROVNOTES_PUBLIC_BASE_URL", () => {
  const built = buildWith("http://127.0.0.1:8123/");
  try {
    assert.equal(built.run.status, 0, built.run.stderr);
    assert.match(built.run.stdout, /default API address http:\/\/127\.0\.0\.1:8123\)/);
    for (const file of ["background.js", "options.js"]) {
      assert.match(built.read(file), /"http:\/\/127\.0\.0\.1:8123"/, file);
      assert.doesNotMatch(built.read(file), /__PROVNOTES_DEFAULT_API_BASE__/, file);
    }
  } finally {
    built.done();
  }
});

test("without PROVNOTES_PUBLIC_BASE_URL the default API address is port 8000", () => {
  const built = buildWith(undefined);
  try {
    assert.equal(built.run.status, 0, built.run.stderr);
    assert.match(built.read("background.js"), /"http:\/\/127\.0\.0\.1:8000"/);
  } finally {
    built.done();
  }
});

test("a malformed address stops the build with one line", () => {
  const built = buildWith("ftp://example.org");
  try {
    assert.equal(built.run.status, 1);
    assert.equal(built.run.stderr.trim().split("\n").length, 1);
    assert.match(built.run.stderr, /^error: PROVNOTES_PUBLIC_BASE_URL=ftp:\/\/example\.org is not/);
  } finally {
    built.done();
  }
});

test("Firefox's data-collection list is the privacy statement's: nothing unless the reader opts in", async () => {
  const { SERVER_MATCHING_DATA } = await import("../src/shared/privacy.js");
  const expected = { required: ["none"], optional: [...SERVER_MATCHING_DATA] };
  const built = buildWith(undefined);
  try {
    assert.equal(built.run.status, 0, built.run.stderr);
    const gecko = JSON.parse(built.read("manifest.json")).browser_specific_settings.gecko;
    assert.deepEqual(gecko.data_collection_permissions, expected);
    const source = JSON.parse(readFileSync(join(root, "static/manifest.json"), "utf8"));
    assert.deepEqual(source.browser_specific_settings.gecko.data_collection_permissions, expected, "static/manifest.json agrees");
  } finally {
    built.done();
  }
});
