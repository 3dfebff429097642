// The local matcher reproduces every vector the Python engine wrote (make vectors), exactly.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { createMatcher } from "../src/match/matcher.js";
import { blocksOf } from "../src/match/blocks.js";

const fixtures = new URL("./fixtures/", import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(name, fixtures), "utf8"));
const vectors = read("match-vectors.json");
const matcher = createMatcher(read(vectors.pack));
const row = (m) => [m.block, m.start, m.end, m.cpStart, m.cpEnd, m.text, m.entities, m.kind, m.match];

test("the corpus holds at least 2,000 cases", () => {
  assert.ok(vectors.cases.length >= 2000, `${vectors.cases.length} cases`);
});

test("every vector's mentions come out exactly", () => {
  const wrong = [];
  for (const { id, blocks, mentions } of vectors.cases) {
    const found = matcher.annotate(blocks).map(row);
    try {
      assert.deepEqual(found, mentions);
    } catch {
      wrong.push({ id, blocks, found, mentions });
    }
  }
  assert.deepEqual(wrong.slice(0, 5), [], `${wrong.length} of ${vectors.cases.length} cases differ`);
});

test("the canonical article from ../shared matches as the server does", (t) => {
  const shared = vectors.canonical;
  const path = new URL(`../../../shared/${shared.shared}`, import.meta.url);
  if (!existsSync(path)) {
    if (process.env.CI === "true" && process.env.PROVNOTES_WITHOUT_SHARED !== "1") {
      assert.fail(`${shared.shared} is missing next to the repository (../shared)`);
    }
    t.skip("../shared is not next to this checkout");
    return;
  }
  const raw = readFileSync(path);
  assert.equal(createHash("sha256").update(raw).digest("hex"), shared.sha256, "another version");
  assert.deepEqual(matcher.annotate(blocksOf(raw.toString("utf8"))).map(row), shared.mentions);
});

test("the pack's given names leave no case where the engine and the pack differ", () => {
  const apart = vectors.cases.filter((c) => c.local).map((c) => c.id);
  assert.deepEqual(apart, [], "cases the pack's given names decide otherwise than the engine");
});

test("ambiguous mentions name every candidate", () => {
  const all = vectors.cases.flatMap((c) => matcher.annotate(c.blocks));
  assert.ok(all.some((m) => m.ambiguous && m.entities.length > 1));
  assert.ok(all.every((m) => m.ambiguous === m.entities.length > 1));
});
