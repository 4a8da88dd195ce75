// Apache James (and the Verizon gateways built on it): "Error message below:" with the reply,
// then "Message details:" naming the envelope recipient as "RCPT TO: address".
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const ERROR_HEAD = /^\s*Error message below:/i;
const RCPT = /^\s*RCPT TO:\s*<?([^\s<>]+@[^\s<>]+)>?/i;

export const apacheJames: Detector = {
  id: 'apache-james',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const at = lines.findIndex((l) => ERROR_HEAD.test(l));
    if (at < 0) return null;
    const said: string[] = [];
    for (let i = at + 1; i < lines.length && (lines[i] ?? '').trim() !== ''; i++) said.push((lines[i] ?? '').trim());
    const before = lines.slice(0, at).map((l) => l.trim()).filter((l) => /^error:/i.test(l));
    const addresses = lines.map((l) => RCPT.exec(l)?.[1]).map((a) => (a ? cleanAddress(a) : null));
    const diagnostic = [...before, ...said].join(' ');
    return failed(addresses.filter((a): a is string => a !== null).map((address) => ({ address, diagnostic })));
  },
};
