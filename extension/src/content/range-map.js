/** Map API offsets (UTF-16 units within a block's text) back to DOM positions and Ranges. */

/**
 * @typedef {import("./block-text.js").Block} Block
 * @typedef {import("./block-text.js").Segment} Segment
 * @typedef {{node: Text, offset: number}} Position
 */

/** Index of the last segment whose blockStart <= offset (binary search), or -1. */
function segmentAt(segments, offset) {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].blockStart <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The DOM position where block character `offset` starts; separators move forward.
 * @param {Segment[]} segments
 * @param {number} offset
 * @returns {Position | null}
 */
export function startPosition(segments, offset) {
  for (let i = Math.max(segmentAt(segments, offset), 0); i < segments.length; i++) {
    const seg = segments[i];
    if (seg.blockStart + seg.length <= offset || !seg.node) continue;
    const inside = Math.max(offset - seg.blockStart, 0);
    const delta = seg.length === seg.nodeLength ? inside : inside === 0 ? 0 : seg.nodeLength;
    return { node: seg.node, offset: seg.nodeStart + delta };
  }
  return null;
}

/**
 * The DOM position where the block text up to `offset` (exclusive) ends; separators move back.
 * @param {Segment[]} segments
 * @param {number} offset
 * @returns {Position | null}
 */
export function endPosition(segments, offset) {
  for (let i = segmentAt(segments, offset - 1); i >= 0; i--) {
    const seg = segments[i];
    if (!seg.node) continue;
    const inside = Math.min(offset - seg.blockStart, seg.length);
    const delta = seg.length === seg.nodeLength ? inside : inside === seg.length ? seg.nodeLength : 0;
    return { node: seg.node, offset: seg.nodeStart + delta };
  }
  return null;
}

/** Text without any whitespace, to compare a Range with the block text it should cover. */
const bare = (s) => s.replace(/\s+/g, "");

/**
 * A Range over `block.text.slice(start, end)`, or null when the offsets do not fit the
 * block or the page changed since the text was read.
 * @param {Document} doc
 * @param {Block} block
 * @param {number} start
 * @param {number} end exclusive
 * @returns {Range | null}
 */
export function rangeFor(doc, block, start, end) {
  if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end <= start || end > block.text.length) return null;
  const from = startPosition(block.segments, start);
  const to = endPosition(block.segments, end);
  if (!from || !to || !from.node.isConnected || !to.node.isConnected) return null;
  if (from.offset > from.node.length || to.offset > to.node.length) return null;
  const range = doc.createRange();
  try {
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
  } catch {
    return null;
  }
  if (range.collapsed) return null;
  return bare(range.toString()) === bare(block.text.slice(start, end)) ? range : null;
}
