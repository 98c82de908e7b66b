import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { describeAccess } from '../accounts/AccessText.js';
import { formatDate } from '../kit/relative-time.js';
import { accessExpiry, type IndexedAccess } from './review-filter.js';

/**
 * The printed page: every shown access in a plain table (the screen's table holds only the rows
 * in view). It exists only while the browser prints, whether from the Print button or Ctrl/Cmd+P,
 * so 50,000 rows cost nothing on screen.
 */
export function PrintableReview({ entries, title, providers }: { entries: IndexedAccess[]; title: string; providers: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    // Synchronously: the browser lays the page out for print right after this event.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  if (!printing) return null;
  const unknown = t('accessReview.notTold');
  return (
    <section className="review-print" aria-label={title}>
      <h1>{title}</h1>
      <p>{t('accessReview.printedOn', { date: formatDate(new Date().toISOString(), i18n.language, true), count: entries.length })}</p>
      <table>
        <thead>
          <tr>
            {(['colPerson', 'colAccount', 'colProvider', 'colRole', 'colAccess', 'colGranted', 'colLastLogin', 'colTwoFactor', 'colExpires'] as const).map(
              (key) => (
                <th key={key} scope="col">
                  {t(`accessReview.${key}`)}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {entries.map(({ key, row }) => {
            const { user } = row;
            const expiry = accessExpiry(row);
            return (
              <tr key={key}>
                <td>
                  {user.name}
                  <br />
                  {user.email}
                </td>
                <td>{row.account.name}</td>
                <td>{providers.get(row.connectionId) ?? ''}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td>{describeAccess(user, i18n.language, t).full}</td>
                <td>
                  {formatDate(user.joinedAt, i18n.language)}
                  {row.grantedBy && (
                    <>
                      <br />
                      {t('accessReview.grantedBy', { name: row.grantedBy.name })}
                    </>
                  )}
                </td>
                <td>
                  {user.lastLoginAt === undefined ? unknown : user.lastLoginAt === null ? t('accessReview.never') : formatDate(user.lastLoginAt, i18n.language)}
                </td>
                <td>{user.twoFactorEnabled === undefined ? unknown : t(user.twoFactorEnabled ? 'accessReview.twoFactorOn' : 'accessReview.twoFactorOff')}</td>
                <td>{expiry ? formatDate(expiry, i18n.language) : t('accessReview.noEnd')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
