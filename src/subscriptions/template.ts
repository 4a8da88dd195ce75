// The variables a list's templates may use ({list_name}, {leave_address}, ...) and the one-pass
// substitution that fills them: a value is never scanned again, so it cannot inject placeholders.
import type { MailingList } from '../domain/list.ts';
import { listDisplayName } from '../domain/list.ts';
import { roleAddress } from '../domain/roles.ts';
import type { Site } from '../domain/site.ts';
import { listInfoUrl, oneClickUnsubscribeUrl } from '../domain/urls.ts';

export type TemplateVars = Record<string, string>;

export function listVariables(site: Site, list: MailingList): TemplateVars {
  return {
    list_name: list.name,
    display_name: listDisplayName(list),
    description: list.settings.description,
    list_address: list.address,
    request_address: roleAddress(list.name, list.domain, 'request'),
    join_address: roleAddress(list.name, list.domain, 'join'),
    leave_address: roleAddress(list.name, list.domain, 'leave'),
    owner_address: roleAddress(list.name, list.domain, 'owner'),
    list_info_url: listInfoUrl(site, list.name),
    site_name: site.siteName,
  };
}

/** The list's variables plus those of one member (address and personal leave link). */
export function memberVariables(site: Site, list: MailingList, member: { address: string; unsubscribeToken: string }): TemplateVars {
  return {
    ...listVariables(site, list),
    member_address: member.address,
    unsubscribe_url: oneClickUnsubscribeUrl(site, member.unsubscribeToken),
  };
}

/** Replaces each `{name}` with its value; unknown names stay as written. */
export function fillTemplate(template: string, vars: TemplateVars): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? (vars[name] ?? whole) : whole));
}
