/** Stylesheets for the shadow roots: own fonts and colours, readable on light and dark pages. */

import { WHY_CSS } from "./why.js";

const THEME = `
:host { all: initial; }
.pn {
  --pn-bg: #ffffff; --pn-fg: #1b1f24; --pn-muted: #57606a; --pn-border: #d0d7de; --pn-soft: #f3f5f8;
  --pn-accent: #0b5cad; --pn-accent-fg: #ffffff; --pn-state: #a4351c; --pn-state-soft: #fbe9e4;
  --pn-ambiguous: #6e7781; --pn-banner: #fff8e6; --pn-banner-edge: #b26a00;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--pn-fg); text-align: start; letter-spacing: normal; text-transform: none; font-style: normal;
}
/* Dark colours follow the page's own background (see theme.js), not only the system theme. */
.pn.dark {
  --pn-bg: #1d2127; --pn-fg: #e6edf3; --pn-muted: #a8b3bf; --pn-border: #6e7681; --pn-soft: #262c33;
  --pn-accent: #8ab4f8; --pn-accent-fg: #0d1117; --pn-state: #ff9b82; --pn-state-soft: #3a221c;
  --pn-ambiguous: #b1bac4; --pn-banner: #2a2416; --pn-banner-edge: #e3a33b;
}
a { color: var(--pn-accent); text-underline-offset: 2px; }
a:focus-visible, button:focus-visible { outline: 2px solid var(--pn-accent); outline-offset: 2px; border-radius: 3px; }
button { font: inherit; color: inherit; }
p, li, h2, h3, .node, .rel, .kind, .desc, .note, .hop-sources, .chain { unicode-bidi: plaintext; }
.muted { color: var(--pn-muted); }
.pill {
  display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600;
  background: var(--pn-state-soft); color: var(--pn-state); border: 1px solid currentColor; white-space: nowrap;
}
.pill.scheme { background: var(--pn-soft); color: var(--pn-fg); border-color: var(--pn-border); }
.designation { margin: 6px 0 0; }
.sources { margin: 6px 0 0; padding-left: 20px; font-size: 13px; }
.sources li { margin: 2px 0; }
.ext::after { content: " \\2197"; font-size: 0.85em; }
.close {
  border: 0; background: transparent; cursor: pointer; font-size: 18px; line-height: 1;
  min-width: 24px; min-height: 24px; padding: 2px 6px; color: var(--pn-muted); border-radius: 4px;
}
.close:hover { background: var(--pn-soft); color: var(--pn-fg); }
.link-button {
  border: 0; background: none; padding: 0; cursor: pointer; color: var(--pn-accent);
  text-decoration: underline; text-underline-offset: 2px; font-size: inherit; min-height: 24px;
}
.insecure { font-size: 0.85em; color: var(--pn-state); font-weight: 600; }
.date { color: var(--pn-muted); }
${WHY_CSS}`;

export const BANNER_CSS = `${THEME}
:host { display: block; margin: 0 0 1.2em; }
.banner {
  background: var(--pn-banner); border: 1px solid var(--pn-border); border-left: 5px solid var(--pn-banner-edge);
  border-radius: 6px; padding: 10px 12px 10px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.06);
}
.top { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.label { font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--pn-muted); }
.name { font-size: 16px; font-weight: 700; }
.top .close { margin-left: auto; }
.chain { margin: 6px 0 0; }
.note { margin: 6px 0 0; }
.foot { margin-top: 6px; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; font-size: 13px; }
@media (max-width: 599px) {
  .banner { padding: 6px 8px 6px 10px; font-size: 13px; }
  .name { font-size: 14px; }
  .label, .muted.where, .designation, .note { display: none; }
  .chain { margin-top: 2px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .foot { margin-top: 2px; gap: 0 10px; font-size: 12.5px; }
}
`;

export const MARKER_CSS = `${THEME}
:host { display: inline; font-size: inherit; line-height: 0; }
.marker {
  all: unset; box-sizing: border-box; display: inline-block; cursor: pointer;
  min-width: 24px; height: 24px; padding: 0 6px; margin: 0 0.1em 0 0.2em; border-radius: 12px;
  font: 700 13px/24px system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  text-align: center; vertical-align: middle; color: var(--pn-accent-fg); background: var(--pn-accent);
}
.marker.state { background: var(--pn-state); }
.marker.ambiguous { background: var(--pn-ambiguous); }
.marker:focus-visible { outline: 2px solid var(--pn-fg); outline-offset: 1px; }
.marker:hover { filter: brightness(1.12); }
`;

export const CARD_CSS = `${THEME}
:host { display: inline; }
.card {
  position: fixed; inset: auto; margin: 0; z-index: 2147483647; box-sizing: border-box;
  width: min(380px, calc(100vw - 16px)); max-height: 70vh; overflow: auto; color: var(--pn-fg);
  background: var(--pn-bg); border: 1px solid var(--pn-border); border-radius: 8px; padding: 12px 14px;
  box-shadow: 0 8px 28px rgba(0,0,0,.22);
}
.card[hidden] { display: none; }
.card.sheet { width: 100vw; max-width: 100vw; border-radius: 0; border-left: 0; border-right: 0; }
.head { display: flex; align-items: flex-start; gap: 8px; }
.head .close { margin-left: auto; }
.kind { font-size: 12px; color: var(--pn-muted); }
h2 { font-size: 16px; margin: 0; line-height: 1.3; }
h2:focus { outline: none; }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--pn-muted); margin: 12px 0 4px; }
p { margin: 6px 0; }
ul, ol { margin: 0; padding-left: 18px; }
li { margin: 4px 0; }
.note { background: var(--pn-soft); border-radius: 6px; padding: 6px 8px; }
.node { font-weight: 650; }
.rel { color: var(--pn-muted); font-size: 13px; }
.rel::before { content: "\\2193  "; color: var(--pn-state); font-weight: 700; }
ul .rel::before { content: ""; }
.role { color: var(--pn-muted); }
.tie { margin: 2px 0 6px; }
.chain { list-style: none; margin: 2px 0 0; padding: 0; }
.chain li { margin: 4px 0 6px; }
.hop-sources { font-size: 12.5px; margin-top: 1px; color: var(--pn-muted); }
.hop-sources a, .hop-sources .src { margin-inline-end: 8px; }
.candidate { border-top: 1px solid var(--pn-border); margin-top: 10px; padding-top: 8px; }
.foot { margin-top: 12px; font-size: 12.5px; display: flex; flex-wrap: wrap; gap: 4px 12px; color: var(--pn-muted); }
.feedback { margin-top: 10px; padding-top: 8px; border-top: 1px solid var(--pn-border); font-size: 13px; }
.fb-votes { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; }
.fb-vote, .fb-send, .fb-cancel {
  min-height: 24px; padding: 2px 10px; border-radius: 4px; cursor: pointer;
  border: 1px solid var(--pn-border); background: var(--pn-soft); color: var(--pn-fg);
}
.fb-send { background: var(--pn-accent); color: var(--pn-accent-fg); border-color: var(--pn-accent); }
.fb-vote[aria-expanded="true"] { border-color: var(--pn-accent); }
button[disabled] { opacity: .6; cursor: default; }
.fb-form { margin-top: 6px; }
.fb-form[hidden], .fb-votes[hidden] { display: none; }
.fb-form fieldset { border: 0; margin: 0; padding: 0; }
.fb-form legend { padding: 0; font-weight: 600; margin-bottom: 2px; }
.fb-reason { display: flex; align-items: center; gap: 6px; min-height: 24px; }
.fb-reason input { margin: 0; width: 16px; height: 16px; }
.fb-form textarea {
  box-sizing: border-box; width: 100%; margin-top: 2px; font: inherit; color: var(--pn-fg);
  background: var(--pn-bg); border: 1px solid var(--pn-border); border-radius: 4px; padding: 4px 6px;
}
.fb-form textarea[aria-invalid="true"] { border-color: var(--pn-state); }
input:focus-visible, textarea:focus-visible { outline: 2px solid var(--pn-accent); outline-offset: 1px; }
.fb-hint { color: var(--pn-muted); font-size: 12px; margin: 2px 0; }
.fb-error { color: var(--pn-state); margin: 4px 0; }
.fb-error:empty, .fb-status:empty { display: none; }
.fb-actions { display: flex; gap: 8px; margin-top: 4px; }
.fb-status { margin: 6px 0 0; }
.fb-thanks { font-weight: 600; }
.fb-status:focus { outline: none; }
`;
