import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSiteEntry } from "../src/shared/host-entry.js";

test("a typed site becomes its normalised host", () => {
  assert.deepEqual(parseSiteEntry("https://www.Example.com/news/1?x=1"), { host: "example.com" });
  assert.deepEqual(parseSiteEntry("  news.example.org  "), { host: "news.example.org" });
  assert.deepEqual(parseSiteEntry("münchen.de"), { host: "xn--mnchen-3ya.de" });
  assert.deepEqual(parseSiteEntry("localhost:8080"), { host: "localhost" });
  assert.deepEqual(parseSiteEntry("10.0.0.1"), { host: "10.0.0.1" });
});

test("anything that is not a host is refused with a message naming it", () => {
  for (const bad of ["not a host!!", "exa mple.com", "a..b", "-x.com", "x-.com", "ex_ample.com", "example", "localhost:99999", "user@example.com", "300.1.1.1"]) {
    const entry = parseSiteEntry(bad);
    assert.ok("error" in entry, bad);
    assert.ok(entry.error.includes(`"${bad}" is not a site address`), entry.error);
  }
  assert.match(/** @type {{error: string}} */ (parseSiteEntry("   ")).error, /Enter a site address/);
});
