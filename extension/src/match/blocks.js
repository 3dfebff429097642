// Text blocks of a captured page, split as the server's tests do: Python's str.splitlines, each
// line stripped of Python's whitespace, empty lines left out.

const LINES = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;
const SPACE = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

function strip(line) {
  let a = 0;
  let b = line.length;
  while (a < b && SPACE.includes(line[a])) a++;
  while (b > a && SPACE.includes(line[b - 1])) b--;
  return line.slice(a, b);
}

export function blocksOf(text) {
  return text.split(LINES).map(strip).filter(Boolean);
}
