// Time-zone names seen in real mail, as minutes east of UTC. RFC 5322 §4.3 defines UT, GMT and the
// US zones; the rest are what old mailers wrote anyway, taken at their most common meaning.

export const ZONE_OFFSETS: ReadonlyMap<string, number> = new Map<string, number>([
  ['UT', 0], ['UTC', 0], ['GMT', 0], ['Z', 0], ['WET', 0], ['ZULU', 0],
  // RFC 5322 §4.3 obsolete zones.
  ['EST', -300], ['EDT', -240], ['CST', -360], ['CDT', -300],
  ['MST', -420], ['MDT', -360], ['PST', -480], ['PDT', -420],
  ['AST', -240], ['ADT', -180], ['NST', -210], ['NDT', -150],
  ['AKST', -540], ['AKDT', -480], ['HST', -600], ['HDT', -540],
  // Europe.
  ['BST', 60], ['IST', 60], ['WEST', 60], ['CET', 60], ['MET', 60], ['MEZ', 60],
  ['CEST', 120], ['MEST', 120], ['MESZ', 120], ['CEDT', 120], ['EET', 120], ['EEST', 180],
  ['MSK', 180], ['MSD', 240],
  // Africa, Asia, Oceania, South America.
  ['WAT', 60], ['CAT', 120], ['SAST', 120], ['EAT', 180],
  ['PKT', 300], ['WIB', 420], ['ICT', 420], ['CST-CHINA', 480], ['HKT', 480], ['SGT', 480],
  ['PHT', 480], ['AWST', 480], ['JST', 540], ['KST', 540], ['ACST', 570], ['ACDT', 630],
  ['AEST', 600], ['AEDT', 660], ['NZST', 720], ['NZDT', 780],
  ['BRT', -180], ['BRST', -120], ['ART', -180], ['CLT', -240], ['CLST', -180],
]);

/**
 * Minutes east of UTC for a zone token (`+0100`, `-05:30`, `GMT+2`, `PST`, military letters), or
 * null when the token is not a zone. RFC 5322 §4.3: military single letters were defined with the
 * wrong sign by RFC 822, so they mean "unknown" and count as -0000.
 */
export function zoneOffset(token: string): number | null {
  const t = token.toUpperCase();
  // "+0100", "-05:30", "+1", "GMT+2". RFC 5322 §3.3 only bounds the digits; real mail has "+1800".
  const num = /^(?:GMT|UTC|UT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(t);
  if (num) {
    const h = Number(num[2]);
    const m = Number(num[3] ?? 0);
    if (h > 23 || m > 59) return null;
    return (num[1] === '-' ? -1 : 1) * (h * 60 + m);
  }
  const named = ZONE_OFFSETS.get(t);
  if (named !== undefined) return named;
  if (/^[A-IK-Z]$/.test(t)) return 0;
  return null;
}
