/**
 * A user's last login as WHMCS's User Management shows it. The default themes print only Carbon's
 * `diffForHumans()` ("3 hours ago"), translated into the client area's language, after a label in
 * that language; a customised template may print a machine date instead. Read in this order, from
 * what does not change with the language to what does:
 *
 * 1. a machine-readable instant on the element: `<time datetime>`, `data-date`/`data-last-login`,
 *    or `title`, in ISO 8601 (`2026-12-03T10:15:00Z`, `2026-12-03 10:15:00`);
 * 2. a date in the text in one of WHMCS's "Date Format" settings: `YYYY-MM-DD`, `YYYY/MM/DD`,
 *    `DD.MM.YYYY`, `DD-MM-YYYY` and `DD/MM/YYYY` (WHMCS's default; `MM/DD/YYYY` is taken only when
 *    the first number cannot be a day-of-month's month, e.g. `12/31/2026`), optionally followed by
 *    `HH:MM`; read as UTC, since the page says nothing of the install's zone;
 * 3. Carbon's relative phrasing in the languages WHMCS ships most: English, German, French,
 *    Italian, Spanish, Dutch, Portuguese and Polish (every plural form, matched by word stem).
 *
 * Anything else (another language, "never") gives null: shown as unknown, never as a wrong date.
 */
type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const UNIT_SECONDS: Record<Unit, number> = { second: 1, minute: 60, hour: 3_600, day: 86_400, week: 604_800, month: 2_592_000, year: 31_536_000 };

interface Phrasing {
  /** The number (group 1) and the unit's word (group 2), with the language's "ago". */
  pattern: RegExp;
  /** Word stems of each unit, tried in order (longest first where one stem starts another). */
  stems: [string, Unit][];
}

const N = '([0-9]+|an?|une?|ein(?:e|er|em)?|un[ao]?)';

const PHRASINGS: Phrasing[] = [
  {
    pattern: new RegExp(`\\b${N}\\s+([a-z]+)\\s+ago\\b`, 'iu'),
    stems: [
      ['sec', 'second'],
      ['min', 'minute'],
      ['hour', 'hour'],
      ['day', 'day'],
      ['week', 'week'],
      ['month', 'month'],
      ['year', 'year'],
    ],
  },
  {
    pattern: new RegExp(`\\bvor\\s+${N}\\s+(\\p{L}+)`, 'iu'),
    stems: [
      ['sek', 'second'],
      ['min', 'minute'],
      ['stund', 'hour'],
      ['tag', 'day'],
      ['woch', 'week'],
      ['monat', 'month'],
      ['jahr', 'year'],
    ],
  },
  {
    pattern: new RegExp(`\\bil y a\\s+${N}\\s+(\\p{L}+)`, 'iu'),
    stems: [
      ['sec', 'second'],
      ['min', 'minute'],
      ['heure', 'hour'],
      ['jour', 'day'],
      ['semaine', 'week'],
      ['mois', 'month'],
      ['an', 'year'],
    ],
  },
  {
    pattern: new RegExp(`\\b${N}\\s+(\\p{L}+)\\s+fa\\b`, 'iu'),
    stems: [
      ['second', 'second'],
      ['minut', 'minute'],
      ['or', 'hour'],
      ['giorn', 'day'],
      ['settiman', 'week'],
      ['mes', 'month'],
      ['ann', 'year'],
    ],
  },
  {
    pattern: new RegExp(`\\bhace\\s+${N}\\s+(\\p{L}+)`, 'iu'),
    stems: [
      ['segund', 'second'],
      ['minut', 'minute'],
      ['hora', 'hour'],
      ['día', 'day'],
      ['dia', 'day'],
      ['semana', 'week'],
      ['mes', 'month'],
      ['año', 'year'],
    ],
  },
  {
    pattern: new RegExp(`\\b${N}\\s+(\\p{L}+)\\s+geleden\\b`, 'iu'),
    stems: [
      ['seconde', 'second'],
      ['minu', 'minute'],
      ['uur', 'hour'],
      ['dag', 'day'],
      ['we', 'week'],
      ['maand', 'month'],
      ['jaar', 'year'],
    ],
  },
  {
    pattern: new RegExp(`\\bh[áa]\\s+${N}\\s+(\\p{L}+)`, 'iu'),
    stems: [
      ['segund', 'second'],
      ['minut', 'minute'],
      ['hora', 'hour'],
      ['dia', 'day'],
      ['semana', 'week'],
      ['mes', 'month'],
      ['mês', 'month'],
      ['ano', 'year'],
    ],
  },
  {
    pattern: new RegExp(`\\b${N}\\s+(\\p{L}+)\\s+temu\\b`, 'iu'),
    stems: [
      ['sekund', 'second'],
      ['minut', 'minute'],
      ['godzin', 'hour'],
      ['dzie', 'day'],
      ['dni', 'day'],
      ['tydzie', 'week'],
      ['tygodn', 'week'],
      ['miesi', 'month'],
      ['rok', 'year'],
      ['lat', 'year'],
    ],
  },
];

function relative(text: string, now: Date): string | null {
  for (const { pattern, stems } of PHRASINGS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const count = /^[0-9]+$/.test(match[1]!) ? Number(match[1]) : 1;
    const word = match[2]!.toLocaleLowerCase();
    const unit = stems.find(([stem]) => word.startsWith(stem))?.[1];
    if (unit) return new Date(now.getTime() - count * UNIT_SECONDS[unit] * 1000).toISOString();
  }
  return null;
}

const ISO = /^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?))?\s*(Z|[+-][0-9]{2}:?[0-9]{2})?\s*$/;

function machineDate(value: string | undefined): string | null {
  const match = value ? ISO.exec(value) : null;
  if (!match) return null;
  const parsed = Date.parse(`${match[1]}T${match[2] ?? '00:00'}${match[3] ?? 'Z'}`);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}

function utc(year: number, month: number, day: number, time: string | undefined): string | null {
  const [hours, minutes] = (time ?? '00:00').split(':').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hours, minutes));
  // Date.UTC rolls 31/02 over into March: such a "date" is not one.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString();
}

const YEAR_FIRST = /\b([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:[ T,]+([0-9]{1,2}:[0-9]{2}))?/;
const DAY_FIRST = /\b([0-9]{1,2})([./-])([0-9]{1,2})\2([0-9]{4})(?:[ ,]+([0-9]{1,2}:[0-9]{2}))?/;

function writtenDate(text: string): string | null {
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return utc(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]), yearFirst[4]);
  const dayFirst = DAY_FIRST.exec(text);
  if (!dayFirst) return null;
  let day = Number(dayFirst[1]);
  let month = Number(dayFirst[3]);
  if (dayFirst[2] === '/' && month > 12 && day <= 12) [day, month] = [month, day];
  return utc(Number(dayFirst[4]), month, day, dayFirst[5]);
}

/** What the row carries about the last login: the `<small>` line's text and its element's attributes. */
export interface LastLoginMarkup {
  text: string;
  /** Machine-readable values found on the line's elements (`datetime`, `data-date`, `data-last-login`, `title`). */
  machineValues: string[];
}

export function lastLoginFrom(markup: LastLoginMarkup, now: Date): string | null {
  for (const value of markup.machineValues) {
    const instant = machineDate(value);
    if (instant) return instant;
  }
  return writtenDate(markup.text) ?? relative(markup.text, now);
}
