// A generated list archive for benchmarks: N messages as one mboxrd file, the same bytes for the
// same N and seed. Mail as lists carry it: Received lines, threads of every length (replies go to
// busy threads more often, so a few grow to hundreds of messages), quoting with "On … wrote:",
// signatures, a few replies without References, HTML-only posts, attachments, Latin-1 and UTF-8.
// Usage: node --import tsx bench/generate-archive.ts N FILE
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prng } from '../test/harness/prng.ts';

const COMMON = ('the of and to a in is that for it as was with be by on not he this are or his from at which but have an they you were her she there '
  + 'would their we him been has when who will more no if out so said what up its about into than them can only other new some could time these '
  + 'two may then do first any my now such like our over man me even most made after also did many before must through back years where much your '
  + 'way well down should because each just those people how too little state good very make world still own see men work long get here between both').split(' ');
const TOPIC = ('patch release kernel scheduler memory driver build failure regression review maintainer merge branch commit test '
  + 'benchmark latency throughput config option default policy charter vote proposal meeting agenda minutes draft governance '
  + 'budget travel conference workshop security advisory vulnerability upgrade migration database index query cache cluster '
  + 'network packet router firewall mirror archive mailing subscriber moderator bounce digest footer header encoding unicode').split(' ');
const SYLLABLES = 'ka lo mi ra te su vo ne pi da re lu sa to mo ki be ga fi no'.split(' ');
const GIVEN = ['Anna', 'Bjørn', 'Carlos', 'Dmitri', 'Eva', 'Fatima', 'Günter', 'Hiro', 'Ines', 'José', 'Kwame', 'Lena', 'Marek', 'Nadia', 'Olu', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomás', 'Uma', 'Viktor', 'Wei', 'Ximena', 'Yusuf', 'Zoë'];
const FAMILY = ['Abbott', 'Brennan', 'Castro', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hansen', 'Ivanov', 'Jensen', 'Kowalski', 'Lindqvist', 'Müller', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka', 'Usman', 'Virtanen', 'Weber', 'Xu', 'Yilmaz', 'Zhang'];
const DOMAINS = ['example.org', 'example.net', 'mail.example.com', 'uni.example.edu', 'corp.example', 'lists.example.io'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Person { name: string; address: string; latin1: boolean }
interface Sent { id: string; person: Person; date: Date; lines: string[]; refs: string[] }
interface Thread { subject: string; messages: Sent[]; weight: number }

export interface GeneratedArchive { messages: number; bytes: number; threadsStarted: number }

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function rfc2822(d: Date, offsetMin: number): string {
  const l = new Date(d.getTime() + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const o = Math.abs(offsetMin);
  return `${DAYS[l.getUTCDay()]}, ${l.getUTCDate()} ${MONTHS[l.getUTCMonth()]} ${l.getUTCFullYear()} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}:${pad(l.getUTCSeconds())} ${sign}${pad(Math.floor(o / 60))}${pad(o % 60)}`;
}

function asctime(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** RFC 2047 Q encoding of a UTF-8 display name that needs it. */
function encodedName(name: string): string {
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name}"`;
  const q = [...Buffer.from(name, 'utf8')].map((b) => (b >= 0x30 && b <= 0x7a && b !== 0x3d && b !== 0x3f && b !== 0x5f && (b <= 0x39 || b >= 0x41) ? String.fromCharCode(b) : b === 0x20 ? '_' : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return `=?UTF-8?Q?${q}?=`;
}

export async function generateArchive(path: string, n: number, seed = 1): Promise<GeneratedArchive> {
  const rnd = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Zipf-like words: common words most, topic words often, made-up words (names, identifiers) rarely.
  const rare = Array.from({ length: 20_000 }, () => Array.from({ length: int(2, 4) }, () => pick(SYLLABLES)).join(''));
  const word = (): string => {
    const r = rnd();
    if (r < 0.55) return COMMON[Math.floor(Math.pow(rnd(), 2) * COMMON.length)]!;
    if (r < 0.85) return TOPIC[Math.floor(Math.pow(rnd(), 1.5) * TOPIC.length)]!;
    return rare[Math.floor(Math.pow(rnd(), 3) * rare.length)]!;
  };
  const sentence = (): string => {
    const w = Array.from({ length: int(6, 18) }, word);
    w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1);
    return `${w.join(' ')}.`;
  };
  // Paragraphs are made fresh or, often, taken again from a ring of earlier ones (cheaper to
  // generate; lists repeat themselves too).
  const ring: string[][] = [];
  const paragraph = (): string[] => {
    if (ring.length >= 20_000 && rnd() < 0.6) return ring[Math.floor(rnd() * ring.length)]!;
    const made = freshParagraph();
    if (ring.length < 50_000) ring.push(made);
    else ring[Math.floor(rnd() * ring.length)] = made;
    return made;
  };
  const freshParagraph = (): string[] => {
    const text = Array.from({ length: int(1, 5) }, sentence).join(' ');
    const lines: string[] = [];
    let line = '';
    for (const w of text.split(' ')) {
      if (line.length + w.length + 1 > 72) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push(line);
    return lines;
  };
  const people: Person[] = Array.from({ length: 5000 }, (_, i) => {
    const g = pick(GIVEN);
    const f = pick(FAMILY);
    const local = `${g}.${f}`.normalize('NFD').replace(/[^\x20-\x7e]/g, '').toLowerCase() + (i > 600 ? String(i) : '');
    return { name: `${g} ${f}`, address: `${local}@${pick(DOMAINS)}`, latin1: rnd() < 0.1 };
  });
  const person = (): Person => people[Math.floor(Math.pow(rnd(), 2.2) * people.length)]!; // a few post most

  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  const write = async (b: Buffer): Promise<void> => {
    pending.push(b);
    pendingLen += b.length;
    if (pendingLen < 1 << 20) return;
    const buf = Buffer.concat(pending);
    pending = [];
    pendingLen = 0;
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };

  const active: Thread[] = [];
  let totalWeight = 0;
  let threadsStarted = 0;
  const start = Date.UTC(2001, 0, 1);
  const span = Date.UTC(2025, 11, 31) - start;
  let t = start;
  for (let i = 0; i < n; i++) {
    t += -Math.log(1 - rnd()) * (span / n);
    const date = new Date(Math.floor(t / 1000) * 1000);
    const from = person();
    const id = `${i.toString(36)}.${Math.floor(rnd() * 0xffffffff).toString(16)}@${from.address.split('@')[1]}`;
    let thread: Thread;
    let parent: Sent | null = null;
    if (active.length === 0 || rnd() < 0.14) {
      const subject = Array.from({ length: int(3, 8) }, word).join(' ');
      thread = { subject: subject.charAt(0).toUpperCase() + subject.slice(1), messages: [], weight: 1 };
      active.push(thread);
      totalWeight += 1;
      threadsStarted++;
      if (active.length > 300) totalWeight -= active.shift()!.weight;
    } else {
      // Busy threads draw more replies: pick by weight, which grows with each reply.
      let r = rnd() * totalWeight;
      thread = active[active.length - 1]!;
      for (const th of active) {
        r -= th.weight;
        if (r <= 0) {
          thread = th;
          break;
        }
      }
      parent = thread.messages.length ? thread.messages[Math.max(0, thread.messages.length - 1 - Math.floor(Math.pow(rnd(), 3) * thread.messages.length))]! : null;
      thread.weight += 1;
      totalWeight += 1;
    }
    const own = Array.from({ length: int(1, 4) }, paragraph);
    const body: string[] = [];
    if (parent) {
      body.push(`On ${rfc2822(parent.date, 0)}, ${parent.person.name} wrote:`);
      for (const l of parent.lines.slice(0, int(2, 8))) body.push(l ? `> ${l}` : '>');
      body.push('');
    }
    for (const p of own) body.push(...p, '');
    if (rnd() < 0.002) body.push('From here on the discussion moved to the other list.', '');
    body.push('-- ', from.name);
    const lines = own.flat();
    const refs = parent ? [...parent.refs.slice(-9), parent.id] : [];
    const sent: Sent = { id, person: from, date, lines, refs };
    thread.messages.push(sent);
    if (thread.messages.length > 60) thread.messages.shift();

    const offset = pick([-480, -300, 0, 60, 120, 330, 540]);
    const subject = `[gen] ${parent ? 'Re: ' : ''}${thread.subject}`;
    const h: string[] = [
      `From ${from.address} ${asctime(date)}`,
      `Return-Path: <${from.address}>`,
      `Received: from mail.${from.address.split('@')[1]} (mail.${from.address.split('@')[1]} [192.0.2.${int(1, 254)}])\n\tby lists.example.org (Postfix) with ESMTP id ${Math.floor(rnd() * 0xffffffffff).toString(16).toUpperCase()}\n\tfor <gen@lists.example.org>; ${rfc2822(date, 0)}`,
      `Received: from localhost (localhost [127.0.0.1])\n\tby mail.${from.address.split('@')[1]} (Postfix) with ESMTP id ${Math.floor(rnd() * 0xffffffffff).toString(16).toUpperCase()}\n\tfor <gen@lists.example.org>; ${rfc2822(date, offset)}`,
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${from.address.split('@')[1]}; s=mail;\n\tt=${Math.floor(date.getTime() / 1000)}; h=from:to:subject:date:message-id;\n\tbh=${Buffer.from(id).toString('base64').slice(0, 43)}=;\n\tb=${Array.from({ length: 5 }, () => Math.floor(rnd() * 2 ** 52).toString(36).repeat(6).slice(0, 64)).join('\n\t ')}`,
      `From: ${encodedName(from.name)} <${from.address}>`,
      'To: gen@lists.example.org',
      `Subject: ${subject}`,
      `Date: ${rfc2822(date, offset)}`,
      `Message-ID: <${id}>`,
    ];
    const bare = parent !== null && rnd() < 0.05; // some clients drop References
    if (parent && !bare) h.push(`In-Reply-To: <${parent.id}>`, `References: ${refs.map((r) => `<${r}>`).join('\n ')}`);
    h.push('MIME-Version: 1.0', `User-Agent: ${pick(['Mutt/2.2.9', 'Mozilla Thunderbird 115.3', 'Evolution 3.46', 'Roundcube Webmail/1.6', 'Apple Mail (2.3774)'])}`,
      'Precedence: list', 'List-Id: Generated discussion <gen.lists.example.org>',
      'List-Unsubscribe: <https://lists.example.org/lists/gen>,\n <mailto:gen-leave@lists.example.org>',
      'List-Archive: <https://lists.example.org/archives/gen/>', 'List-Post: <mailto:gen@lists.example.org>',
      'List-Help: <mailto:gen-request@lists.example.org?subject=help>',
      'List-Subscribe: <https://lists.example.org/lists/gen>,\n <mailto:gen-join@lists.example.org>');
    let text = body.join('\n');
    const kind = rnd();
    if (kind < 0.01) {
      const html = `<html><body>${own.map((p) => `<p>${p.join(' ')}</p>`).join('')}</body></html>`;
      h.push('Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
      text = html;
    } else if (kind < 0.03) {
      const boundary = `=_b${i.toString(36)}`;
      const attachment = Buffer.from(Array.from({ length: int(20, 60) }, sentence).join('\n')).toString('base64').replace(/.{76}/g, '$&\n');
      h.push(`Content-Type: multipart/mixed; boundary="${boundary}"`);
      text = `--${boundary}\nContent-Type: text/plain; charset=utf-8\n\n${text}\n--${boundary}\nContent-Type: text/plain; name="notes-${i}.txt"\nContent-Disposition: attachment; filename="notes-${i}.txt"\nContent-Transfer-Encoding: base64\n\n${attachment}\n--${boundary}--`;
    } else {
      h.push(`Content-Type: text/plain; charset=${from.latin1 ? 'iso-8859-1' : 'utf-8'}`, 'Content-Transfer-Encoding: 8bit');
    }
    // mboxrd: a body line starting with ">*From " gains one more '>'.
    const escaped = text.replace(/^(>*From )/gm, '>$1');
    const message = `${h.join('\n')}\n\n${escaped}\n\n`;
    await write(Buffer.from(message, from.latin1 ? 'latin1' : 'utf8'));
  }
  if (pending.length) {
    const buf = Buffer.concat(pending);
    bytes += buf.length;
    out.write(buf);
  }
  out.end();
  await once(out, 'finish');
  return { messages: n, bytes, threadsStarted };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1000);
  const file = process.argv[3] ?? `gen-${n}.mbox`;
  const t0 = performance.now();
  const r = await generateArchive(file, n);
  process.stdout.write(`${JSON.stringify({ ...r, file, seconds: +((performance.now() - t0) / 1000).toFixed(1) })}\n`);
}
