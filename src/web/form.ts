// Reading posted form fields: text trimmed and cut to a length, checkboxes, repeated fields. A
// field that is missing or a file reads as empty.
export type FormBody = Record<string, string | File | (string | File)[]>;

export function formText(form: FormBody, name: string, max = 10_000): string {
  const v = form[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim().slice(0, max) : '';
}

/** The raw (untrimmed) text of a field, for templates whose whitespace matters. */
export function formRaw(form: FormBody, name: string, max = 100_000): string {
  const v = form[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.replace(/\r\n/g, '\n').slice(0, max) : '';
}

export const formChecked = (form: FormBody, name: string): boolean => {
  const v = form[name];
  return v === 'on' || v === '1' || v === 'true' || (Array.isArray(v) && v.length > 0);
};

export function formAll(form: FormBody, name: string): string[] {
  const v = form[name] ?? form[`${name}[]`];
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return arr.filter((x): x is string => typeof x === 'string');
}
