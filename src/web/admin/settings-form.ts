// The list settings form, derived from the ListSettings zod schema itself (through its JSON
// Schema): every option gets a field of its type with its description as help text, grouped as
// owners think of them; posted values are read back by the same types and validated by the same
// schema. An option added to the schema appears here without a change.
import { z } from 'zod';
import { ListSettings } from '../../domain/list-settings.ts';
import type { FormBody } from '../form.ts';
import { formChecked, formRaw } from '../form.ts';

export type FieldKind = 'boolean' | 'enum' | 'integer' | 'number' | 'text' | 'longtext' | 'lines' | 'header-matches' | 'json';

export interface SettingField {
  key: string;
  kind: FieldKind;
  help: string;
  options: string[];
  min: number | null;
}

export const GROUPS = ['identity', 'posting', 'moderation', 'decoration', 'delivery', 'subscription', 'privacy', 'bounces', 'digests', 'other'] as const;
export type Group = (typeof GROUPS)[number];

const GROUP_OF: Record<string, Group> = {
  displayName: 'identity', description: 'identity', advertised: 'identity',
  subjectPrefix: 'posting', replyTo: 'posting', replyToAddress: 'posting', maxMessageKb: 'posting', maxRecipients: 'posting',
  requireExplicitDestination: 'posting', acceptableAliases: 'posting',
  headerTemplate: 'decoration', footerTemplate: 'decoration',
  deliveryMode: 'delivery',
  subscribePolicy: 'subscription', unsubscribePolicy: 'subscription', sendWelcome: 'subscription', welcomeTemplate: 'subscription',
  sendGoodbye: 'subscription', goodbyeTemplate: 'subscription', confirmExpiryDays: 'subscription',
  rosterVisibility: 'privacy', archivePolicy: 'privacy', addressObfuscation: 'privacy',
};
const MODERATION_KEYS = /^(emergency|moderatorPassword|default(Member|Nonmember)Action|(accept|hold|reject|discard)Nonmembers|bannedAddresses|administrivia|requireSubject|headerMatches|heldExpiryDays)$/;

export function groupOf(key: string): Group {
  if (GROUP_OF[key]) return GROUP_OF[key];
  if (MODERATION_KEYS.test(key)) return 'moderation';
  if (key.startsWith('bounce')) return 'bounces';
  if (key.startsWith('digest')) return 'digests';
  return 'other';
}

/** Templates get a preview filled with sample values. */
export const isTemplate = (key: string): boolean => /Template$/.test(key) || /footer$/i.test(key);

interface JsonProp {
  type?: string;
  enum?: string[];
  description?: string;
  minimum?: number;
  items?: { type?: string };
}

function kindOf(key: string, p: JsonProp): FieldKind {
  if (p.type === 'boolean') return 'boolean';
  if (p.enum) return 'enum';
  if (p.type === 'integer') return 'integer';
  if (p.type === 'number') return 'number';
  if (p.type === 'string') return isTemplate(key) || key === 'description' ? 'longtext' : 'text';
  if (p.type === 'array' && p.items?.type === 'string') return 'lines';
  if (key === 'headerMatches') return 'header-matches';
  return 'json';
}

let cached: SettingField[] | null = null;

export function settingFields(): SettingField[] {
  if (cached) return cached;
  const schema = z.toJSONSchema(ListSettings, { io: 'input' }) as { properties: Record<string, JsonProp> };
  cached = Object.entries(schema.properties).map(([key, p]) => ({
    key, kind: kindOf(key, p), help: p.description ?? '', options: p.enum ?? [], min: typeof p.minimum === 'number' ? p.minimum : null,
  }));
  return cached;
}

/** How a value is shown in its field. */
export function fieldValue(f: SettingField, v: unknown): string {
  switch (f.kind) {
    case 'lines': return Array.isArray(v) ? v.join('\n') : '';
    case 'header-matches': return Array.isArray(v) ? v.map((m: { header: string; pattern: string; action: string }) => `${m.header} | ${m.pattern} | ${m.action}`).join('\n') : '';
    case 'json': return JSON.stringify(v, null, 2);
    default: return v === undefined || v === null ? '' : String(v);
  }
}

const lines = (s: string): string[] => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** One line per match: `Header | regex | action`; the regex may itself hold `|`. */
function headerMatches(text: string): unknown[] {
  return lines(text).map((l) => {
    const first = l.indexOf('|');
    const last = l.lastIndexOf('|');
    if (first < 0 || last === first) return { header: l, pattern: '', action: '' };
    return { header: l.slice(0, first).trim(), pattern: l.slice(first + 1, last).trim(), action: l.slice(last + 1).trim() };
  });
}

function readField(f: SettingField, form: FormBody): unknown {
  const raw = formRaw(form, f.key);
  switch (f.kind) {
    case 'boolean': return formChecked(form, f.key);
    case 'integer':
    case 'number': return raw.trim() === '' ? undefined : Number(raw.trim());
    case 'lines': return lines(raw);
    case 'header-matches': return headerMatches(raw);
    case 'json':
      try { return JSON.parse(raw); } catch { return raw; }
    case 'text':
    case 'enum': return raw.trim();
    default: return raw;
  }
}

export type SettingsResult = { ok: true; settings: ListSettings } | { ok: false; errors: Record<string, string>; values: Record<string, unknown> };

/** Reads every field of the form and validates the whole through ListSettings. */
export function readSettingsForm(form: FormBody): SettingsResult {
  const values: Record<string, unknown> = {};
  for (const f of settingFields()) values[f.key] = readField(f, form);
  const r = ListSettings.safeParse(values);
  if (r.success) return { ok: true, settings: r.data };
  const errors: Record<string, string> = {};
  for (const i of r.error.issues) {
    const key = String(i.path[0] ?? '');
    errors[key] ??= `${i.path.slice(1).length ? `${i.path.slice(1).join('.')}: ` : ''}${i.message}`;
  }
  return { ok: false, errors, values };
}
