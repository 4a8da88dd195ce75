// Word-shingle fingerprints for "does this quote come from that message?": the sorted, distinct
// 32-bit hashes of every run of four words (case and punctuation folded). Re-wrapped or
// re-indented quotes keep their shingles, so containment survives what mail clients do to text.

const SHINGLE = 4;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** ASCII code unit → its case-folded value when it belongs to a word, else 0. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_WORD[c] = c;
for (let c = 0x61; c <= 0x7a; c++) { ASCII_WORD[c] = c; ASCII_WORD[c - 0x20] = c; }

/** Non-ASCII code units belong to words except no-break space and general punctuation/spaces. */
function isWordUnit(c: number): boolean {
  return c !== 0xa0 && c !== 0x3000 && !(c >= 0x2000 && c <= 0x206f);
}

/**
 * Fingerprint of a text, reading at most `maxWords` words. One pass over the code units, no
 * intermediate strings: ASCII case is folded by hand, other scripts are taken as they are.
 */
export function textFingerprint(text: string, maxWords = 1500): Uint32Array {
  const out = new Uint32Array(Math.min(maxWords, (text.length >> 1) + 1));
  let n = 0;
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let words = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? text.charCodeAt(i) : 0x20;
    const folded = c < 0x80 ? (ASCII_WORD[c] ?? 0) : isWordUnit(c) ? c : 0;
    if (folded !== 0) {
      h = Math.imul(h ^ folded, FNV_PRIME);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    inWord = false;
    const w3 = h >>> 0;
    h = FNV_OFFSET;
    words++;
    if (words >= SHINGLE && n < out.length) {
      let s = FNV_OFFSET;
      s = Math.imul(s ^ w0, FNV_PRIME);
      s = Math.imul(s ^ w1, FNV_PRIME);
      s = Math.imul(s ^ w2, FNV_PRIME);
      s = Math.imul(s ^ w3, FNV_PRIME);
      out[n++] = s >>> 0;
    }
    w0 = w1; w1 = w2; w2 = w3;
    if (words >= maxWords) break;
  }
  const arr = out.subarray(0, n).sort();
  let k = 0;
  for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) arr[k++] = arr[i] ?? 0;
  return arr.slice(0, k);
}

/** How many of `part`'s shingles appear in `whole` (both sorted). */
export function sharedShingles(part: Uint32Array, whole: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < part.length && j < whole.length) {
    const a = part[i] ?? 0;
    const b = whole[j] ?? 0;
    if (a === b) { n++; i++; j++; } else if (a < b) i++; else j++;
  }
  return n;
}

/** Only the lines of a quote block that the quoted author wrote (not their own deeper quotes). */
export function firstLevelText(quoteText: string): string {
  return quoteText.split('\n').filter((l) => !/^[ \t]{0,3}>/.test(l)).join('\n');
}
