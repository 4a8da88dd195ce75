// Copies a short string out of the large one it was cut from. V8 keeps substrings as views of
// their parent, so an id cut from a 5 KB header block would keep the whole block alive for as
// long as a bulk import holds the id.

/** A string equal to `s` that does not keep a larger parent string alive. */
export function detach(s: string): string {
  // Concatenating then slicing makes V8 flatten into a fresh string just one character longer.
  return s.length < 13 ? s : (' ' + s).slice(1);
}
