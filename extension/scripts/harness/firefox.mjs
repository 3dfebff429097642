/**
 * Headless Debian firefox-esr with the built extension installed temporarily, driven by
 * puppeteer-core over WebDriver BiDi and steered by one JSON command per stdin line.
 *
 * `node firefox.mjs --extension DIR [--executable PATH] [--prefs JSON]` prints `{"ready": …}` once the add-on is
 * installed, then answers each `{"id", "op", …}` line with one `{"id", "value"}` or
 * `{"id", "error"}` line. Pages answer the URLs registered with `route` from memory (request
 * interception), so test pages can live at real news hosts without any network. The Python side
 * is extension/scripts/harness/firefox.py.
 */

import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import puppeteer from "puppeteer-core";

const { values: args } = parseArgs({
  options: {
    extension: { type: "string" },
    executable: { type: "string", default: "/usr/bin/firefox-esr" },
    width: { type: "string", default: "1200" },
    height: { type: "string", default: "900" },
    prefs: { type: "string", default: "{}" },
  },
});
if (!args.extension) {
  console.error("usage: node firefox.mjs --extension DIR [--executable PATH] [--prefs JSON]");
  process.exit(2);
}

const viewport = { width: Number(args.width), height: Number(args.height) };
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: args.executable,
  protocol: "webDriverBiDi",
  headless: true,
  defaultViewport: viewport,
  extraPrefsFirefox: {
    // The extension's own requests and nothing else: no update checks, telemetry or safe browsing.
    "app.update.auto": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "extensions.update.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    ...JSON.parse(args.prefs),
  },
});
const extensionId = await browser.installExtension(args.extension);

/** @type {Map<number, {page: import("puppeteer-core").Page, routes: Map<string, string>, errors: string[], dialogs: string[]}>} */
const pages = new Map();
let nextPage = 1;

/** A tab that answers routed URLs from memory and records errors and dialogs (dismissed). */
async function newPage() {
  const page = await browser.newPage();
  const entry = { page, routes: new Map(), errors: [], dialogs: [] };
  page.on("request", (request) => {
    if (!entry.routes.size || request.isInterceptResolutionHandled()) return;
    const url = request.url();
    for (const [prefix, body] of entry.routes) {
      if (url.startsWith(prefix)) {
        request.respond({ status: 200, contentType: "text/html; charset=utf-8", body });
        return;
      }
    }
    request.continue();
  });
  page.on("pageerror", (error) => entry.errors.push(String(error?.message ?? error)));
  page.on("console", (message) => message.type() === "error" && entry.errors.push(message.text()));
  page.on("dialog", (dialog) => {
    entry.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  const id = nextPage++;
  pages.set(id, entry);
  return id;
}

function pageOf(command) {
  const entry = pages.get(command.page);
  if (!entry) throw new Error(`no page ${command.page}`);
  return entry;
}

/** `(function source)(arg)` as one expression, so any function text from Python can run. */
const call = (js, arg) => `(${js})(${JSON.stringify(arg ?? null)})`;

/** Press a key or a chord such as `Shift+Tab`. */
async function press(keyboard, chord) {
  const keys = chord.split("+");
  const key = keys.pop();
  for (const modifier of keys) await keyboard.down(modifier);
  await keyboard.press(key);
  for (const modifier of keys.reverse()) await keyboard.up(modifier);
}

const ops = {
  newPage: async () => newPage(),
  route: async (c) => {
    const entry = pageOf(c);
    if (!entry.routes.size) await entry.page.setRequestInterception(true);
    entry.routes.set(c.prefix, c.html);
  },
  goto: async (c) => void (await pageOf(c).page.goto(c.url, { waitUntil: "load", timeout: c.timeout })),
  evaluate: async (c) => pageOf(c).page.evaluate(call(c.js, c.arg)),
  waitForFunction: async (c) => void (await pageOf(c).page.waitForFunction(call(c.js, c.arg), { timeout: c.timeout, polling: 100 })),
  press: async (c) => press(pageOf(c).page.keyboard, c.key),
  click: async (c) => pageOf(c).page.mouse.click(c.x, c.y),
  setViewport: async (c) => pageOf(c).page.setViewport({ width: c.width, height: c.height }),
  screenshot: async (c) => void (await pageOf(c).page.screenshot({ path: c.path })),
  report: async (c) => ({ errors: pageOf(c).errors, dialogs: pageOf(c).dialogs }),
  closePage: async (c) => {
    await pageOf(c).page.close();
    pages.delete(c.page);
  },
};

const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
reply({ ready: true, version: await browser.version(), extensionId });

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const command = JSON.parse(line);
  if (command.op === "close") break;
  try {
    const op = ops[command.op];
    if (!op) throw new Error(`unknown op ${command.op}`);
    reply({ id: command.id, value: (await op(command)) ?? null });
  } catch (error) {
    reply({ id: command.id, error: String(error?.message ?? error) });
  }
}
await browser.close();
