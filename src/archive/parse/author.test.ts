import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAuthor, restoreAtAddress } from './author.ts';

test('RFC 5322 mailboxes, quoted names and encoded words', () => {
  assert.deepEqual(parseAuthor('Alice <alice@example.org>'), { name: 'Alice', address: 'alice@example.org' });
  assert.deepEqual(parseAuthor('"Doe, John" <jd@example.org>'), { name: 'Doe, John', address: 'jd@example.org' });
  assert.deepEqual(parseAuthor('=?UTF-8?Q?Fran=C3=A7ois_Boulogne?= <fb@example.org>'), { name: 'François Boulogne', address: 'fb@example.org' });
  assert.deepEqual(parseAuthor('<bare@example.org>'), { name: '', address: 'bare@example.org' });
  assert.deepEqual(parseAuthor('bare@example.org'), { name: '', address: 'bare@example.org' });
  assert.deepEqual(parseAuthor('" via RT" <rt@example.org>'), { name: 'via RT', address: 'rt@example.org' });
  assert.deepEqual(parseAuthor(''), { name: '', address: '' });
  assert.deepEqual(parseAuthor(null), { name: '', address: '' });
});

test('comment forms and Pipermail "user at host"', () => {
  assert.deepEqual(parseAuthor('jjl at pobox.com (John J. Lee)'), { name: 'John J. Lee', address: 'jjl@pobox.com' });
  assert.deepEqual(parseAuthor('hpages at fhcrc.org (=?ISO-8859-1?Q?Herv=E9_Pag=E8s?=)'), { name: 'Hervé Pagès', address: 'hpages@fhcrc.org' });
  assert.deepEqual(parseAuthor('catelyn at stark.winterfell.gov (Stark, Catelyn T.)'), { name: 'Stark, Catelyn T.', address: 'catelyn@stark.winterfell.gov' });
  assert.deepEqual(parseAuthor('"Catelyn T. Stark" <catelyn at stark.winterfell.gov>'), { name: 'Catelyn T. Stark', address: 'catelyn@stark.winterfell.gov' });
  assert.deepEqual(parseAuthor('spidey_sense@council.kings-landing.gov (spidey_sense@council.kings-landing.gov)'), { name: '', address: 'spidey_sense@council.kings-landing.gov' });
  assert.deepEqual(parseAuthor('brynden.tully at gmail.com (Brynden "Blackfish" Tully)'), { name: 'Brynden "Blackfish" Tully', address: 'brynden.tully@gmail.com' });
  // stat.ethz.ch's later obfuscation cannot be undone; the name survives.
  assert.deepEqual(parseAuthor('m@ech|er @end|ng |rom @t@t@m@th@ethz@ch (Martin Maechler)').name, 'Martin Maechler');
  assert.equal(restoreAtAddress('user at example.org'), 'user@example.org');
  assert.equal(restoreAtAddress('look at this'), 'look at this');
});

test('LISTSERV-style "Name user@host" (bigbang address table)', () => {
  assert.deepEqual(parseAuthor('abdul rasheed m d rasheed@motorola.com'), { name: 'abdul rasheed m d', address: 'rasheed@motorola.com' });
  assert.deepEqual(parseAuthor('xingjinqiang@chinamobile.com xingjinqiang@chinamobile.com'), { name: '', address: 'xingjinqiang@chinamobile.com' });
  assert.deepEqual(parseAuthor('Jacob John <jacobjohn@MOTOROLA.COM>'), { name: 'Jacob John', address: 'jacobjohn@MOTOROLA.COM' });
  assert.deepEqual(parseAuthor('"Wuyuchun (Wu Yuchun, Hisilicon)" <wuyuchun@HUAWEI.COM>'), { name: 'Wuyuchun (Wu Yuchun, Hisilicon)', address: 'wuyuchun@HUAWEI.COM' });
});

test('8-bit header bytes read as UTF-8, else windows-1252', () => {
  assert.equal(parseAuthor(Buffer.from('Jürgen <j@example.org>', 'utf8').toString('latin1')).name, 'Jürgen');
  assert.equal(parseAuthor(Buffer.from('J\xfcrgen <j@example.org>', 'latin1').toString('latin1')).name, 'Jürgen');
});

test('hostile From values are cut short, not backtracked over', () => {
  assert.equal(typeof parseAuthor('('.repeat(100_000)).name, 'string');
  assert.equal(parseAuthor(`${'<'.repeat(50_000)}a@b.c`).address, '');
});
