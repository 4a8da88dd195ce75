// Address hiding per list (addressObfuscation): `at` writes user@host as "user at host" (as
// Pipermail does), `hidden` removes the address, `none` leaves it. Applied to every text the
// archive shows: author lines, subjects, bodies and the raw view.
export type Obfuscation = 'at' | 'none' | 'hidden';

const ADDRESS = /([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64})@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)/g;

export const HIDDEN_ADDRESS = '[address hidden]';

export function obfuscate(text: string, mode: Obfuscation): string {
  if (mode === 'none' || !text.includes('@')) return text;
  return text.replace(ADDRESS, (_m, user: string, host: string) => (mode === 'at' ? `${user} at ${host}` : HIDDEN_ADDRESS));
}

/** The author's address as shown: obfuscated, or empty when hidden. */
export function shownAddress(address: string, mode: Obfuscation): string {
  if (!address) return '';
  if (mode === 'hidden') return '';
  return obfuscate(address, mode);
}
