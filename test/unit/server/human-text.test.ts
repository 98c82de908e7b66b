/** The one rule for human text (src-shared/api/human-text.ts), on any string a client could send. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanText, isInvalidCharactersIssue } from '../../../src-shared/api/human-text.js';

const DIRECTION_CONTROLS = ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const NASTY = [
  ...DIRECTION_CONTROLS,
  '\r',
  '\n',
  '\t',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u2028',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  ' ',
  'a',
  'é',
  '😀',
];
/** Strings made of ordinary text with the troublesome characters mixed in. */
const anyText = fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom(...NASTY)), { maxLength: 30 }).map((parts) => parts.join(''));

describe('human text', () => {
  for (const multiline of [false, true]) {
    const schema = humanText({ min: 1, max: 200, multiline });

    it(`${multiline ? 'a message' : 'a name'}: what it accepts is readable, trimmed, without direction controls, and stable when parsed again`, () => {
      fc.assert(
        fc.property(anyText, (input) => {
          const parsed = schema.safeParse(input);
          if (!parsed.success) {
            // A refusal is either about the characters (422) or about the length (400), never anything else.
            for (const issue of parsed.error.issues)
              expect(issue.code === 'custom' ? isInvalidCharactersIssue(issue.params) : ['too_small', 'too_big'].includes(issue.code)).toBe(true);
            return;
          }
          const out = parsed.data;
          for (const control of DIRECTION_CONTROLS) expect(out).not.toContain(control);
          expect(/\p{Cs}/u.test(out)).toBe(false);
          expect(multiline ? /(?![\t\n\r])\p{Cc}/u.test(out) : /[\p{Cc}\u2028\u2029]/u.test(out)).toBe(false);
          expect(out).toBe(out.trim());
          expect(out.length).toBeGreaterThan(0);
          expect(schema.parse(out)).toBe(out);
        }),
        { numRuns: 500 },
      );
    });
  }

  it('removes direction controls wherever they are and keeps the rest as typed', () => {
    expect(humanText({ max: 50 }).parse(' \u202EAcme\u202C \u2066S.p.A.\u2069\u200F ')).toBe('Acme S.p.A.');
    expect(humanText({ max: 50 }).parse('')).toBe('');
  });

  it('refuses a name with a line break, a control character, nothing visible or half a character, each marked as such', () => {
    for (const value of ['a\nb', 'a\rb', 'bell\u0007', 'esc\u001B[0m', 'del\u007F', '\u200B\u2060', 'x\uD83D']) {
      const parsed = humanText({ min: 1, max: 50 }).safeParse(value);
      expect(parsed.success, JSON.stringify(value)).toBe(false);
      expect(parsed.error?.issues.some((issue) => issue.code === 'custom' && isInvalidCharactersIssue(issue.params))).toBe(true);
    }
  });
});
