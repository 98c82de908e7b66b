import { describe, expect, it } from 'vitest';
import { lastLoginFrom } from '../../../src-main/connectors/whmcs/client-area/last-login.js';

const now = new Date('2026-12-03T12:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
const read = (text: string, machineValues: string[] = []) => lastLoginFrom({ text, machineValues }, now);

describe('a WHMCS last login', () => {
  it('is taken from a machine-readable instant first, whatever the text says', () => {
    expect(read('Letzte Anmeldung: gestern', ['2026-12-01T08:30:00Z'])).toBe('2026-12-01T08:30:00.000Z');
    expect(read('Last Login: 3 hours ago', ['Two-factor enabled', '2026-11-30 22:05:00'])).toBe('2026-11-30T22:05:00.000Z');
    expect(read('x', ['2026-11-30T22:05:00+02:00'])).toBe('2026-11-30T20:05:00.000Z');
  });

  it('reads the dates of WHMCS’s date-format settings, day first where it is ambiguous', () => {
    expect(read('Last Login: 2026-11-28 09:15')).toBe('2026-11-28T09:15:00.000Z');
    expect(read('Ostatnie logowanie: 28.11.2026 09:15')).toBe('2026-11-28T09:15:00.000Z');
    expect(read('Dernière connexion : 28/11/2026')).toBe('2026-11-28T00:00:00.000Z');
    expect(read('Ultimo accesso: 03/11/2026')).toBe('2026-11-03T00:00:00.000Z');
    expect(read('Last Login: 11/28/2026')).toBe('2026-11-28T00:00:00.000Z');
    expect(read('Last Login: 31.02.2026')).toBeNull();
  });

  it.each([
    ['Last Login: 3 hours ago', 3 * 3_600],
    ['Last Login: 1 day ago', 86_400],
    ['Last Login: an hour ago', 3_600],
    ['Letzte Anmeldung: vor 5 Tagen', 5 * 86_400],
    ['Letzte Anmeldung: vor 1 Stunde', 3_600],
    ['Dernière connexion : il y a 2 semaines', 2 * 604_800],
    ['Ultimo accesso: 4 ore fa', 4 * 3_600],
    ['Último acceso: hace 10 minutos', 600],
    ['Laatste login: 3 dagen geleden', 3 * 86_400],
    ['Último login: há 2 meses', 2 * 2_592_000],
    ['Ostatnie logowanie: 1 godzinę temu', 3_600],
    ['Ostatnie logowanie: 3 godziny temu', 3 * 3_600],
    ['Ostatnie logowanie: 5 dni temu', 5 * 86_400],
    ['Ostatnie logowanie: 2 lata temu', 2 * 31_536_000],
    ['Ostatnie logowanie: 12 tygodni temu', 12 * 604_800],
  ])('reads Carbon’s “%s”', (text, seconds) => {
    expect(read(text)).toBe(ago(seconds));
  });

  it('is unknown for "never" and for a language the table does not hold, never a wrong date', () => {
    expect(read('Last Login: Never')).toBeNull();
    expect(read('Letzte Anmeldung: Nie')).toBeNull();
    expect(read('Последний вход: 3 часа назад')).toBeNull();
  });
});
