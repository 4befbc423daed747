import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CustomerDomain, CustomerDomainInput, normaliseCustomerDomain } from '../../../domain/deal/index.js';

const test = suite('customer domain normalisation');
const domainOf = (input: string) => {
  const r = normaliseCustomerDomain(input);
  if (!r.ok) assert.unreachable(`${input} refused: ${r.message}`);
  return r.ok ? r.domain : '';
};
const refusal = (input: string) => {
  const r = normaliseCustomerDomain(input);
  if (r.ok) assert.unreachable(`${input} accepted as ${r.domain}`);
  return r.ok ? '' : r.message;
};

test('case, scheme, credentials, port, path, query, www and a trailing dot fold away', () => {
  for (const input of [
    'acme.com',
    'ACME.com',
    ' Acme.COM ',
    'https://acme.com',
    'http://www.acme.com/',
    'https://user:pw@www.acme.com:8443/a/b?c=d#e',
    'acme.com.',
    'WWW.ACME.COM.',
    'acme.com/contact',
  ])
    assert.is(domainOf(input), 'acme.com', input);
});

test('subdomains fold to the registrable domain under multi-label public suffixes', () => {
  assert.is(domainOf('sales.acme.co.uk'), 'acme.co.uk');
  assert.is(domainOf('https://eu.sales.acme.co.uk./x'), 'acme.co.uk');
  assert.is(domainOf('acme.co.uk'), 'acme.co.uk');
  assert.is.not(domainOf('acme.co.uk'), domainOf('acme.com'));
  assert.is(domainOf('shop.acme.com.au'), 'acme.com.au');
});

test('private suffixes keep their customers apart; an email address names its domain', () => {
  assert.is(domainOf('a.github.io'), 'a.github.io');
  assert.is.not(domainOf('a.github.io'), domainOf('b.github.io'));
  assert.is(domainOf('bob@Sales.Acme.com'), 'acme.com');
});

test('internationalised names are stored in ASCII form, whichever way they were written', () => {
  assert.is(domainOf('München.de'), 'xn--mnchen-3ya.de');
  assert.is(domainOf('www.xn--mnchen-3ya.de'), 'xn--mnchen-3ya.de');
});

test('IP addresses are refused as such', () => {
  for (const input of ['192.168.1.1', 'http://10.0.0.1/x', '[::1]', '2001:db8::1', '1.2.3'])
    assert.match(refusal(input), /IP address/, input);
});

test('invalid names, unknown suffixes and bare public suffixes are refused', () => {
  for (const input of [
    '',
    '   ',
    'acme',
    'localhost',
    'acme..com',
    '-acme.com',
    'acme_x.com',
    `${'a'.repeat(64)}.com`,
    'acme.local',
    'acme.notatld',
    'co.uk',
    'com',
    'http://',
    'acme com',
  ])
    refusal(input);
  assert.match(refusal('acme.notatld'), /unknown top-level domain/);
  assert.match(refusal('co.uk'), /public suffix/);
});

test('the input schema normalises; the event schema accepts only normal forms', () => {
  assert.is(CustomerDomainInput.parse('https://www.Acme.co.uk/'), 'acme.co.uk');
  const bad = CustomerDomainInput.safeParse('127.0.0.1');
  assert.is(bad.success, false);
  assert.ok(CustomerDomain.safeParse('acme.co.uk').success);
  assert.is(CustomerDomain.safeParse('www.acme.co.uk').success, false);
  assert.is(CustomerDomain.safeParse('Acme.com').success, false);
});

test.run();
