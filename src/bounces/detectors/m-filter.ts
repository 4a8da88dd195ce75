// m-FILTER (a Japanese mail gateway): the failed address under a Japanese heading, the server's
// reply under "-------server message", the command under "-------SMTP command".
import { cleanAddress } from '../message/addresses.ts';
import { failed, type Detection, type Detector } from './detector.ts';
import type { BounceContext } from '../message/bounce-context.ts';

// "The message could not be sent to the following address."
const HEADING = /以下のメールアドレスへの送信に失敗しました/;
const SERVER = /^-+\s*server message/i;

export const mFilter: Detector = {
  id: 'm-filter',
  detect(ctx: BounceContext): Detection | null {
    const lines = ctx.noticeLines;
    const at = lines.findIndex((l) => HEADING.test(l));
    if (at < 0) return null;
    const address = cleanAddress((lines[at + 1] ?? '').trim());
    if (!address) return null;
    const serverAt = lines.findIndex((l) => SERVER.test(l));
    const said: string[] = [];
    for (let i = serverAt + 1; serverAt >= 0 && i < lines.length && !/^-{3,}/.test(lines[i] ?? ''); i++) said.push((lines[i] ?? '').trim());
    return failed([{ address, diagnostic: said.filter((l) => l !== '').join(' ') }]);
  },
};
