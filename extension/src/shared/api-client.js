/** HTTP calls to the Provenance Notes API, with a timeout and classified failures. */

export const TIMEOUT_MS = 8000;

/** A failed API call; `kind` is what the badge says. */
export class ApiError extends Error {
  /**
   * @param {"unreachable" | "timeout" | "http" | "invalid"} kind
   * @param {string} message
   * @param {number} [status]
   */
  constructor(kind, message, status) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

/**
 * Fetch with a timeout; network failures and timeouts become `ApiError`s.
 * @param {string} url
 * @param {RequestInit} init
 * @param {{fetchFn?: typeof fetch, timeoutMs?: number}} [opts]
 */
export async function request(url, init, { fetchFn = fetch, timeoutMs = TIMEOUT_MS } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await fetchFn(url, { ...init, signal: controller.signal, credentials: "omit", cache: "no-store" });
  } catch (err) {
    if (controller.signal.aborted) throw new ApiError("timeout", `no answer within ${timeoutMs / 1000} s`);
    throw new ApiError("unreachable", `cannot reach the API (${err instanceof Error ? err.message : "network error"})`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Read a JSON body; HTTP errors become `ApiError("http")` with the API's message.
 * @param {Response} response
 */
export async function readJson(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.ok ? "invalid" : "http", `HTTP ${response.status}: body is not JSON`, response.status);
  }
  if (!response.ok) {
    const message = body && body.error && typeof body.error.message === "string" ? body.error.message : "request failed";
    throw new ApiError("http", `HTTP ${response.status}: ${message.slice(0, 300)}`, response.status);
  }
  return body;
}

/**
 * `POST /v1/annotate` with the page URL, reader-note language and article text blocks.
 * @param {string} apiBase
 * @param {{url: string, lang: string, blocks: string[]}} payload
 * @param {{fetchFn?: typeof fetch, timeoutMs?: number}} [opts]
 */
export async function postAnnotate(apiBase, payload, opts) {
  const response = await request(
    `${apiBase}/v1/annotate`,
    { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(payload) },
    opts,
  );
  return readJson(response);
}

/**
 * `POST /v1/corrections` with what the reader typed in the report form.
 * @param {string} apiBase
 * @param {{entity: string | null, message: string, source_url: string | null, contact: string | null}} payload
 */
export async function postCorrection(apiBase, payload) {
  const response = await request(`${apiBase}/v1/corrections`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(payload),
  });
  return readJson(response);
}

/**
 * `POST /v1/feedback`: whether a card helped, and why not. Carries only these fields: no page
 * address, no identifier.
 * @param {string} apiBase
 * @param {{entity: string, revision?: number, vote: "helpful" | "not_helpful", reasons: string[], text?: string}} payload
 * @param {{fetchFn?: typeof fetch, timeoutMs?: number}} [opts]
 */
export async function postFeedback(apiBase, payload, opts) {
  const response = await request(
    `${apiBase}/v1/feedback`,
    { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(payload), referrerPolicy: "no-referrer" },
    opts,
  );
  return readJson(response);
}

/**
 * `GET /v1/entities/{slug}`: a public profile card.
 * @param {string} apiBase
 * @param {string} slug
 */
export async function getEntity(apiBase, slug) {
  const response = await request(`${apiBase}/v1/entities/${encodeURIComponent(slug)}`, { method: "GET", headers: { Accept: "application/json" } });
  return readJson(response);
}
