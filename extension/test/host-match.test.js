import { test } from "node:test";
import assert from "node:assert/strict";
import { hostAndPath, matchIndex, normalizeHost, siteListed } from "../src/shared/host-match.js";

const INDEX = [
  { host: "sputniknews.com", path_prefix: null, outlet: "sputnik" },
  { host: "tr.sputniknews.com", path_prefix: null, outlet: "sputnik-turkiye" },
  { host: "sputnikglobe.com", path_prefix: "/tr/", outlet: "sputnik-tr-path" },
  { host: "sputnikglobe.com", path_prefix: null, outlet: "sputnik-globe" },
  { host: "rt.com", path_prefix: null, outlet: "rt" },
];
const outlet = (url) => matchIndex(INDEX, url)?.outlet ?? null;

test("hosts are normalised: case, trailing dot, punycode and one www./m./amp. prefix", () => {
  assert.equal(normalizeHost("WWW.SputnikNews.com."), "sputniknews.com");
  assert.equal(normalizeHost("m.rt.com"), "rt.com");
  assert.equal(normalizeHost("amp.rt.com"), "rt.com");
  assert.equal(normalizeHost("спутник.рф"), "xn--h1aehhjhg.xn--p1ai");
  assert.equal(normalizeHost("www.com"), "www.com", "a bare www.com keeps its only label");
  assert.equal(normalizeHost(""), "");
});

test("exact host, subdomain on a label boundary, and www./m./amp. variants match", () => {
  assert.equal(outlet("https://sputniknews.com/20200126/x.html"), "sputnik");
  assert.equal(outlet("https://www.sputniknews.com/x"), "sputnik");
  assert.equal(outlet("https://m.sputniknews.com/x"), "sputnik");
  assert.equal(outlet("https://amp.rt.com/news/1"), "rt");
  assert.equal(outlet("https://france.rt.com/actualites"), "rt");
});

test("never a substring: deviantart.com is not rt.com, nor is rt.com.evil.example", () => {
  assert.equal(outlet("https://deviantart.com/art/1"), null);
  assert.equal(outlet("https://www.deviantart.com/"), null);
  assert.equal(outlet("https://smart.com/"), null);
  assert.equal(outlet("https://rt.com.evil.example/"), null);
  assert.equal(outlet("https://notsputniknews.com/"), null);
});

test("the most specific entry wins: longer host, then longer path prefix", () => {
  assert.equal(outlet("https://tr.sputniknews.com/haber"), "sputnik-turkiye");
  assert.equal(outlet("https://sputnikglobe.com/tr/20200101/a.html"), "sputnik-tr-path");
  assert.equal(outlet("https://sputnikglobe.com/en/20200101/a.html"), "sputnik-globe");
  assert.equal(outlet("https://sputnikglobe.com/tr"), "sputnik-globe", "path must start with the prefix");
});

test("only http(s) pages can match", () => {
  assert.equal(outlet("ftp://sputniknews.com/"), null);
  assert.equal(outlet("not a url"), null);
  assert.equal(hostAndPath("file:///etc/hosts"), null);
  assert.deepEqual(hostAndPath("https://WWW.rt.com"), { host: "rt.com", path: "/" });
});

test("site lists cover the host and its subdomains", () => {
  assert.equal(siteListed(["rt.com"], "https://france.rt.com/x"), true);
  assert.equal(siteListed(["rt.com"], "https://deviantart.com/x"), false);
  assert.equal(siteListed(["www.example.org"], "https://example.org/"), true);
});
