/**
 * Text is well-formed Unicode (README Reliability): the shared text schemas refuse lone surrogates
 * everywhere, control characters in names and references, and keep line breaks and tabs in free
 * text. Property: a string is accepted exactly when it is well-formed and free of forbidden
 * control characters, and what is accepted survives a UTF-8 round trip unchanged (the view a
 * UTF-8 column holds equals the event).
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isWellFormedText, Name, Reason, Url } from '../../../domain/shared/index.js';
import { PaymentReference } from '../../../domain/mdf/events.js';

const test = suite('text: well-formed Unicode');

const messages = (schema: { safeParse: (v: unknown) => { error?: { issues: { message: string }[] } } }, v: unknown) =>
  schema.safeParse(v).error?.issues.map((i) => i.message) ?? [];

test('lone surrogates are refused in names, free text, URLs and references; pairs are welcome', () => {
  for (const bad of ['lone high \ud800 surrogate', 'lone low \udc00', 'reversed \udc00\ud800', 'end \ud83d']) {
    for (const schema of [Name, Reason, PaymentReference])
      assert.ok(
        messages(schema, bad).some((m) => /well-formed/.test(m)),
        bad,
      );
  }
  assert.ok(messages(Url, 'https://acme.example/\ud800').some((m) => /well-formed/.test(m)));
  for (const good of ['Zoë Çelik', 'Ωmega 株式会社', 'rocket \ud83d\ude80 launch', 'e\u0301', 'שלום', 'a\u200db'])
    assert.is(Name.parse(good), good);
});

test('control characters: none in a name or reference; free text keeps line breaks and tabs only', () => {
  for (const bad of ['bell\u0007', 'nul\u0000x', 'esc\u001b[31m', 'del\u007f', 'c1\u0085x', 'two\nlines', 'tab\tbed'])
    assert.ok(
      messages(Name, bad).some((m) => /control/.test(m)),
      JSON.stringify(bad),
    );
  assert.ok(messages(PaymentReference, 'ref\n2').length > 0);
  assert.is(Reason.parse('first line\nsecond line\r\n\tindented'), 'first line\nsecond line\r\n\tindented');
  for (const bad of ['bell\u0007', 'nul\u0000', 'esc\u001b', 'vt\u000bx', 'ff\u000cx', 'del\u007f'])
    assert.ok(
      messages(Reason, bad).some((m) => /control/.test(m)),
      JSON.stringify(bad),
    );
});

/** Strings rich in what goes wrong: lone surrogates, controls, line breaks, emoji, combining marks. */
const risky = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\n', '\r\n', '\t', ' ', '\u200d', '\ufeff', '\u2028'),
  ),
  maxLength: 20,
});
/** C0, DEL and C1, written as numbers: an independent statement of what the schemas refuse. */
const hasControl = (s: string) =>
  [...s].some((c) => {
    const n = c.codePointAt(0) as number;
    return n <= 0x1f || (n >= 0x7f && n <= 0x9f);
  });
const utf8RoundTrip = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

test('property: accepted exactly when well-formed and free of control characters; accepted text survives UTF-8', () => {
  fc.assert(
    fc.property(risky, (s) => {
      const trimmed = s.trim();
      const name = Name.safeParse(s);
      const expected = trimmed.length > 0 && trimmed.length <= 200 && isWellFormedText(trimmed) && !hasControl(trimmed);
      assert.is(name.success, expected, JSON.stringify(s));
      if (name.success) assert.is(utf8RoundTrip(name.data), name.data);
      const reason = Reason.safeParse(s);
      const reasonExpected =
        trimmed.length > 0 && isWellFormedText(trimmed) && !hasControl(trimmed.replace(/[\t\n\r]/g, ''));
      assert.is(reason.success, reasonExpected, JSON.stringify(s));
      if (reason.success) assert.is(utf8RoundTrip(reason.data), reason.data);
    }),
    { numRuns: 2000 },
  );
});

test.run();
