/**
 * Nibble arithmetic on plain byte keys.
 *
 * The trie never materialises nibble arrays: a position `i` in a key names the nibble
 * `key[i >> 1]` (high half when `i` is even, low half when odd). Every node stores a full byte
 * key that passes through it, so two keys can be compared nibble by nibble at the same
 * positions without any conversion.
 */

/** The nibble of `key` at nibble position `i` (0 = high half of the first byte). */
export function nibbleAt(key: Uint8Array, i: number): number {
  const b = key[i >> 1]!;
  return (i & 1) === 0 ? b >> 4 : b & 0x0f;
}

/**
 * First nibble position in `[from, to)` where `a` and `b` differ, or `to` when they agree on
 * the whole range. Both keys must hold at least `to` nibbles.
 */
export function firstDifference(a: Uint8Array, b: Uint8Array, from: number, to: number): number {
  let i = from;
  if (i >= to) return to;
  if ((i & 1) === 1) {
    if ((a[i >> 1]! & 0x0f) !== (b[i >> 1]! & 0x0f)) return i;
    i++;
  }
  // Whole bytes while at least two nibbles remain.
  let byte = i >> 1;
  const lastWhole = to >> 1; // exclusive
  while (byte < lastWhole && a[byte] === b[byte]) byte++;
  i = byte << 1;
  if (i >= to) return to;
  // Either a differing byte, or the trailing half byte of an odd `to`.
  if (a[byte]! >> 4 !== b[byte]! >> 4) return i;
  return i + 1 < to ? i + 1 : to;
}

/** Lexicographic byte order (a shorter key sorts before any key it prefixes). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function hasPrefix(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}
