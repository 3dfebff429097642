/** Build DOM with text only: strings become text nodes, never markup. */

/**
 * Create an element; `props.text` sets textContent, `on*` add listeners, the rest are attributes.
 * @param {Document} doc
 * @param {string} tag
 * @param {Record<string, any>} [props]
 * @param {Array<Node | string | null | undefined | false>} [children]
 * @returns {HTMLElement}
 */
export function h(doc, tag, props = {}, children = []) {
  const el = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") el.textContent = String(value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? doc.createTextNode(child) : child);
  }
  return el;
}

/**
 * A host element with an open shadow root holding its own stylesheet.
 * @param {Document} doc
 * @param {string} tag must contain a hyphen (a custom element name)
 * @param {string} css
 */
export function shadowHost(doc, tag, css) {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = css;
  root.append(style);
  return { host, root };
}
