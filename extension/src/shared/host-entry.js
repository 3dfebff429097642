/** What a reader types as a site: a web address or host name, checked with a reason. */

import { normalizeHost } from "./host-match.js";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * The normalised host of a typed site ("https://www.Example.com/x" → "example.com"), or an error.
 * @param {string} input
 * @returns {{host: string} | {error: string}}
 */
export function parseSiteEntry(input) {
  const raw = String(input ?? "").trim();
  if (!raw) return { error: "Enter a site address such as example.com." };
  const bare = raw.replace(/^https?:\/\//i, "").split(/[/?#]/)[0];
  const why = `"${raw}" is not a site address: use a host name such as example.com.`;
  if (!bare || /[\s!"$&'()*+,;=<>\\^`{|}%@]/.test(bare)) return { error: why };
  const withoutPort = /^[^:]+:(\d{1,5})$/.exec(bare);
  if (bare.includes(":") && (!withoutPort || Number(withoutPort[1]) > 65535)) return { error: why };
  const host = normalizeHost(bare.split(":")[0]);
  if (!host || host.length > 253) return { error: why };
  const ip = IPV4.exec(host);
  if (ip) return ip.slice(1).every((n) => Number(n) <= 255) ? { host } : { error: why };
  const labels = host.split(".");
  if (labels.length < 2 && host !== "localhost") return { error: why };
  if (!labels.every((l) => LABEL.test(l)) || /^\d+$/.test(labels[labels.length - 1])) return { error: why };
  return { host };
}
