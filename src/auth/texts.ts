// The words of the mails this feature sends, as pure functions of their facts.
import type { Site } from '../domain/site.ts';
import { addressChangeUrl, passwordLinkUrl, signInLinkUrl } from './urls.ts';

export interface MailText {
  subject: string;
  text: string;
}

const minutes = (ms: number): string => (ms >= 7_200_000 ? `${Math.round(ms / 3_600_000)} hours` : `${Math.round(ms / 60_000)} minutes`);

export function signInText(site: Site, address: string, token: string, ttlMs: number): MailText {
  return {
    subject: `Sign in to ${site.siteName}`,
    text: [
      `Someone (hopefully you) asked to sign in to ${site.siteName} as ${address}, to change list options.`,
      '',
      `To sign in, open this link within ${minutes(ttlMs)} and press the button:`,
      '',
      `  ${signInLinkUrl(site, token)}`,
      '',
      'The link works once. If you did not ask for it, ignore this message: nothing happens.',
      '',
    ].join('\n'),
  };
}

export function passwordText(site: Site, address: string, token: string, ttlMs: number, isNew: boolean): MailText {
  return {
    subject: isNew ? `Your ${site.siteName} administrator account` : `Set your ${site.siteName} password`,
    text: [
      isNew
        ? `An administrator account was made for ${address} on ${site.siteName}.`
        : `Someone (hopefully you) asked to set the password of ${address} on ${site.siteName}.`,
      '',
      `To choose a password, open this link within ${minutes(ttlMs)}:`,
      '',
      `  ${passwordLinkUrl(site, token)}`,
      '',
      'The link works once. If you did not ask for it, ignore this message: your password stays as it is.',
      '',
    ].join('\n'),
  };
}

export function addressChangeText(site: Site, oldAddress: string, newAddress: string, token: string, ttlMs: number): MailText {
  return {
    subject: `Confirm your new address on ${site.siteName}`,
    text: [
      `${oldAddress} asked on ${site.siteName} to receive its mailing lists at ${newAddress} from now on.`,
      '',
      `To confirm that ${newAddress} is yours, open this link within ${minutes(ttlMs)} and press the button:`,
      '',
      `  ${addressChangeUrl(site, token)}`,
      '',
      'If you did not ask for this, ignore this message: nothing changes.',
      '',
    ].join('\n'),
  };
}
