import { stringify } from 'csv-stringify/browser/esm/sync';
import { effectivePermissions } from '../../src-shared/api/permissions.js';
import { accessExpiry, type IndexedAccess } from './review-filter.js';

/** The CSV's column headings, in the user's language; the values stay machine-readable (ISO times, API permission names). */
export interface CsvHeadings {
  person: string;
  email: string;
  account: string;
  provider: string;
  role: string;
  permissions: string;
  grantedAt: string;
  grantedBy: string;
  lastLogin: string;
  twoFactor: string;
  expires: string;
}

/**
 * The shown accesses as CSV, in the order on screen. A cell the provider does not tell stays
 * empty; a name that starts like a formula is escaped, since a spreadsheet opens this file.
 */
export function reviewCsv(entries: readonly IndexedAccess[], headings: CsvHeadings, providerName: (connectionId: string) => string): string {
  const records = entries.map(({ row }) => {
    const { user } = row;
    return [
      user.name,
      user.email,
      row.account.name,
      providerName(row.connectionId),
      user.role,
      effectivePermissions(user.role, user.permissions).join(' '),
      user.joinedAt,
      row.grantedBy ? `${row.grantedBy.name} <${row.grantedBy.email}>` : '',
      user.lastLoginAt === undefined ? '' : (user.lastLoginAt ?? 'never'),
      user.twoFactorEnabled === undefined ? '' : user.twoFactorEnabled ? 'yes' : 'no',
      accessExpiry(row) ?? '',
    ];
  });
  const header = [
    headings.person,
    headings.email,
    headings.account,
    headings.provider,
    headings.role,
    headings.permissions,
    headings.grantedAt,
    headings.grantedBy,
    headings.lastLogin,
    headings.twoFactor,
    headings.expires,
  ];
  return stringify([header, ...records], { escape_formulas: true, record_delimiter: 'windows' });
}

/** `access-review-2026-12-03.csv`: the day of the export in the name, so exports do not overwrite each other. */
export function csvFileName(now: Date): string {
  return `access-review-${now.toISOString().slice(0, 10)}.csv`;
}
