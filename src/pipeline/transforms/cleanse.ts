// Removes header fields that must not go out or cannot be trusted from a poster, as Mailman's cleanse
// handler does: passwords and priority claims, receipt requests that fish for the membership, our own
// earlier X-BeenThere, a spoofed Archived-At (RFC 5064 §4) and Return-Path (set at final delivery only,
// RFC 5321 §4.4). Received fields stay: they are the message's trace.
import { fieldValue, removeFields } from '../../mime/index.ts';
import type { HeaderField } from '../../mime/index.ts';
import type { Transform } from './types.ts';

const CLEANSED = new Set([
  'approved',
  'approve',
  'x-approved',
  'x-approve',
  'urgent',
  'return-receipt-to',
  'disposition-notification-to',
  'x-confirm-reading-to',
  'x-pmrqc',
  'archived-at',
  'return-path',
]);

export const cleanse: Transform = (msg, ctx) => {
  const ours = ctx.list.address.toLowerCase();
  const drop = (f: HeaderField): boolean =>
    CLEANSED.has(f.key) || (f.key === 'x-beenthere' && fieldValue(f).replace(/[<>\s]/g, '').toLowerCase() === ours);
  return { ...msg, headers: removeFields(msg.headers, drop) };
};
