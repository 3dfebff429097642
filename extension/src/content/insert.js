/** Insert nodes at text positions (splitting text nodes when needed) and undo it exactly. */

import { BLOCK_TAGS } from "./block-text.js";

/**
 * @typedef {{node: Text, offset: number}} Position
 * @typedef {{undo: () => void}} Insertion
 */

/**
 * Where a node must go to follow the text ending at `pos`: after the outermost inline element
 * that ends exactly there (so markers sit outside links), before the node at offset 0, else a split.
 * @param {Position} pos
 * @param {Element} block never climbed out of
 * @returns {{ref: Node, where: "before" | "after"} | {split: Position}}
 */
export function placeAfter(pos, block) {
  if (pos.offset === 0) return { ref: pos.node, where: "before" };
  if (pos.offset < pos.node.length) return { split: pos };
  /** @type {Node} */
  let cur = pos.node;
  while (!cur.nextSibling && cur.parentElement && cur.parentElement !== block && !BLOCK_TAGS.has(cur.parentElement.tagName.toUpperCase())) {
    cur = cur.parentElement;
  }
  return { ref: cur, where: "after" };
}

/**
 * Insert `node` right after the text ending at `pos`. Undo in reverse order of insertion.
 * @param {Position} pos
 * @param {Element} block
 * @param {Node} node
 * @returns {Insertion}
 */
export function insertAfterText(pos, block, node) {
  const place = placeAfter(pos, block);
  const remove = () => node.parentNode?.removeChild(node);
  if ("ref" in place) {
    const parent = place.ref.parentNode;
    parent?.insertBefore(node, place.where === "before" ? place.ref : place.ref.nextSibling);
    return { undo: remove };
  }
  const original = place.split.node;
  const rest = original.splitText(place.split.offset);
  rest.parentNode?.insertBefore(node, rest);
  return {
    undo() {
      remove();
      if (rest.parentNode && rest.parentNode === original.parentNode) {
        original.appendData(rest.data);
        rest.parentNode.removeChild(rest);
      }
    },
  };
}
