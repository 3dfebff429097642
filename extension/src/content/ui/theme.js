/** Light or dark notes, following the background the page actually paints behind them. */

/** [r, g, b, a] of a CSS colour as computed ("rgb(…)" / "rgba(…)"), or null. */
export function parseColor(value) {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)$/.exec(value || "");
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith("%") ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]) {
  const lin = (c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours. */
export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * True when the page paints a dark background behind `el`: the first opaque-enough background
 * on the way up decides; with none, the page's colour scheme and the system theme do.
 * @param {Window} win
 * @param {Element} el
 */
export function pageIsDark(win, el) {
  for (let node = /** @type {Element | null} */ (el); node; node = node.parentElement) {
    const color = parseColor(win.getComputedStyle(node).backgroundColor);
    if (color && color[3] >= 0.5) return luminance(color) < 0.2;
  }
  const scheme = win.getComputedStyle(el.ownerDocument.documentElement).colorScheme || "";
  return scheme.includes("dark") && (!scheme.includes("light") || Boolean(win.matchMedia?.("(prefers-color-scheme: dark)").matches));
}
