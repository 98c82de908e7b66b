/**
 * Text a person types for people to read: names, companies, addresses, ticket subjects and
 * messages. Shown in mails, lists and the panel, so what is stored must read as it was meant:
 * invisible direction controls are removed (U+202E turns "gnp.exe" into what reads as "exe.png"),
 * and what can never be part of such text is refused with a sentence saying why.
 */
import { z } from 'zod';

/** Bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C). */
const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** Control characters (CR, LF, ESC, BEL, DEL, C1...) and the Unicode line and paragraph separators. */
const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\u2028\u2029]/u;
/** A message may hold tabs and line breaks, no other control character. */
const MULTI_LINE_FORBIDDEN = /(?![\t\n\r])\p{Cc}/u;
/** Half of a UTF-16 pair without the other half: no character at all (it would be stored as U+FFFD). */
const LONE_SURROGATE = /\p{Cs}/u;
/** Only spaces and characters that draw nothing (zero-width space, joiners, word joiner, BOM, fillers). */
const NOTHING_VISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]+$/u;

/**
 * Marks the refusals of this module, so the API answers them 422 `invalid_characters` (the text
 * cannot be fixed by retyping it differently in the same field) rather than a generic 400.
 */
export const INVALID_CHARACTERS = { invalidCharacters: true } as const;

export function isInvalidCharactersIssue(params: unknown): boolean {
  return typeof params === 'object' && params !== null && (params as Record<string, unknown>).invalidCharacters === true;
}

export interface HumanTextRules {
  max: number;
  /** At least this many characters once trimmed (1 for a required name). */
  min?: number;
  /** A message: line breaks and tabs allowed. */
  multiline?: boolean;
}

/** One rule for every human-text field: refuse what cannot be text, remove direction controls, trim, then the length. */
export function humanText({ max, min = 0, multiline = false }: HumanTextRules) {
  return z
    .string()
    .refine((s) => !LONE_SURROGATE.test(s), {
      message: 'The text holds a broken character (half of a UTF-16 pair); type it again.',
      params: INVALID_CHARACTERS,
      abort: true,
    })
    .refine((s) => !(multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).test(s), {
      message: multiline
        ? 'The text holds control characters; only letters, punctuation, tabs and line breaks are allowed.'
        : 'The text holds a line break or a control character; give it on one line, without control characters.',
      params: INVALID_CHARACTERS,
      abort: true,
    })
    .overwrite((s) => s.replace(DIRECTION_CONTROLS, ''))
    .trim()
    .refine((s) => !NOTHING_VISIBLE.test(s), {
      message: 'The text holds only invisible characters; type something that can be read.',
      params: INVALID_CHARACTERS,
      abort: true,
    })
    .min(min)
    .max(max);
}
