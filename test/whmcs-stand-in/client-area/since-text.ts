/**
 * How WHMCS writes a last login: Carbon's `diffForHumans()` in the client area's language, after
 * a "Last Login" label in that language. The texts follow Carbon's own translations (en, de, pl),
 * plural forms included, so the connector is tested on what a German or Polish install shows.
 */
export type StandInLanguage = 'english' | 'german' | 'polish';

type Unit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

const UNITS: [Unit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** Polish picks one of three forms: 1, 2–4 (not 12–14), and the rest. */
function polishForm(n: number, forms: [string, string, string]): string {
  if (n === 1) return forms[0];
  const tens = n % 100;
  const ones = n % 10;
  return ones >= 2 && ones <= 4 && (tens < 12 || tens > 14) ? forms[1] : forms[2];
}

const GERMAN: Record<Unit, [string, string]> = {
  year: ['Jahr', 'Jahren'],
  month: ['Monat', 'Monaten'],
  week: ['Woche', 'Wochen'],
  day: ['Tag', 'Tagen'],
  hour: ['Stunde', 'Stunden'],
  minute: ['Minute', 'Minuten'],
  second: ['Sekunde', 'Sekunden'],
};

const POLISH: Record<Unit, [string, string, string]> = {
  year: ['rok', 'lata', 'lat'],
  month: ['miesiąc', 'miesiące', 'miesięcy'],
  week: ['tydzień', 'tygodnie', 'tygodni'],
  day: ['dzień', 'dni', 'dni'],
  hour: ['godzinę', 'godziny', 'godzin'],
  minute: ['minutę', 'minuty', 'minut'],
  second: ['sekundę', 'sekundy', 'sekund'],
};

export const LABELS: Record<StandInLanguage, { lastLogin: string; inviteSent: string; never: string }> = {
  english: { lastLogin: 'Last Login', inviteSent: 'Invite Sent', never: 'Never' },
  german: { lastLogin: 'Letzte Anmeldung', inviteSent: 'Einladung gesendet', never: 'Nie' },
  polish: { lastLogin: 'Ostatnie logowanie', inviteSent: 'Zaproszenie wysłane', never: 'Nigdy' },
};

function relative(n: number, unit: Unit, language: StandInLanguage): string {
  if (language === 'german') return `vor ${n} ${GERMAN[unit][n === 1 ? 0 : 1]}`;
  if (language === 'polish') return `${n} ${polishForm(n, POLISH[unit])} temu`;
  return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
}

/** Carbon's diffForHumans of `then`, or the language's "never". */
export function sinceText(then: Date | null, now: Date, language: StandInLanguage): string {
  if (!then) return LABELS[language].never;
  const seconds = Math.max(1, Math.round((now.getTime() - then.getTime()) / 1000));
  const [unit, size] = UNITS.find(([, size]) => seconds >= size)!;
  return relative(Math.floor(seconds / size), unit, language);
}
