// Template filling: every list variable, unknown names left alone, and values never re-scanned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultListSettings } from '../domain/list-settings.ts';
import type { MailingList } from '../domain/list.ts';
import { fillTemplate, listVariables, memberVariables } from './template.ts';
import { site, T0 } from './fixtures/kit.ts';

const list: MailingList = {
  id: 1, name: 'governance', domain: 'lists.example.org', address: 'governance@lists.example.org',
  settings: { ...defaultListSettings(), description: 'Decisions {list_name}' }, createdAt: T0,
};

test('the default welcome and goodbye fill in completely', () => {
  const vars = memberVariables(site, list, { address: 'ann@example.net', unsubscribeToken: 'tok123' });
  const welcome = fillTemplate(list.settings.welcomeTemplate, vars);
  assert.equal(
    welcome,
    'Welcome to the Governance mailing list.\n\nTo post, write to governance@lists.example.org.\n' +
      'To leave, send any message to governance-leave@lists.example.org.\nList information: https://lists.example.org/lists/governance\n',
  );
  assert.doesNotMatch(fillTemplate(list.settings.goodbyeTemplate, vars), /\{/);
  assert.equal(fillTemplate('{unsubscribe_url} {member_address}', vars), 'https://lists.example.org/u/tok123 ann@example.net');
});

test('unknown placeholders stay; a value holding a placeholder is not expanded again', () => {
  const vars = listVariables(site, list);
  assert.equal(fillTemplate('{nope} {request_address} {owner_address}', vars), '{nope} governance-request@lists.example.org governance-owner@lists.example.org');
  assert.equal(fillTemplate('{description}', vars), 'Decisions {list_name}');
  assert.equal(fillTemplate('{constructor} {__proto__}', vars), '{constructor} {__proto__}');
});
