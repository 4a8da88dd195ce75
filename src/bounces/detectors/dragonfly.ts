// DragonFly Mail Agent (dma): "There was an error delivering your mail to <address>." followed by
// the remote reply, up to "Message headers follow."
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

const INTRO = /^This is the DragonFly Mail Agent/i;
const TARGET = /error delivering your mail to <([^>]+)>/i;
const END = /^(?:Message headers follow|Original message follows)/i;

export const dragonfly: Detector = {
  id: 'dragonfly',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    if (!lines.some((l) => INTRO.test(l)) && !/DragonFly Mail Agent/i.test(ctx.mail.headers.getAll('received').join(' '))) return null;
    const at = lines.findIndex((l) => TARGET.test(l));
    if (at < 0) return null;
    const address = cleanAddress(TARGET.exec(lines[at] ?? '')?.[1] ?? '');
    if (!address) return null;
    const said: string[] = [];
    for (let i = at + 1; i < lines.length && !END.test(lines[i] ?? ''); i++) said.push((lines[i] ?? '').trim());
    return failed([{ address, diagnostic: said.filter((l) => l !== '').join(' ') }]);
  },
};
