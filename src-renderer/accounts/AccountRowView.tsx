import { memo } from 'react';
import type { TFunction } from 'i18next';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import type { AccountRef } from '../navigation/navigation-store.js';
import { formatDate, formatRelative } from '../kit/relative-time.js';
import { Spinner } from '../kit/Spinner.js';
import { initials } from '../kit/initials.js';
import { describeAccess } from './AccessText.js';
import { accessDaysLeft } from './access-left.js';
import { needsTwoFactor } from './account-filter.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import { connectionName } from '../connections/connection-name.js';

export const COUNT_COLUMNS = [
  ['services', 'accounts.colServices', false],
  ['domainsExpiringSoon', 'accounts.colDomains', true],
  ['unpaidInvoices', 'accounts.colInvoices', true],
  ['openTickets', 'accounts.colTickets', false],
] as const;

/** Words every row shows, looked up once per language instead of once per row. */
export interface RowLabels {
  favourite: string;
  unfavourite: string;
  details: string;
  openPanel: string;
  neverOpened: string;
  scoped: string;
  /** Said (to screen readers) for a count the provider has not told yet. */
  countPending: string;
  needsTwoFactor: string;
  needsTwoFactorHint: string;
  roles: Record<ListedAccount['role'], string>;
  /** The buttons' names, around the customer's name. */
  favouriteFor(name: string): string;
  detailsFor(name: string): string;
  openPanelFor(name: string): string;
  /** What each connection is called on screen, by id (the demo's in the user's language). */
  providers: ReadonlyMap<string, string>;
}

export function rowLabels(t: TFunction, connections: readonly Pick<Connection, 'id' | 'label' | 'isDemo'>[]): RowLabels {
  return {
    providers: new Map(connections.map((c) => [c.id, connectionName(c, t)])),
    favourite: t('accounts.favourite'),
    unfavourite: t('accounts.unfavourite'),
    details: t('accounts.details'),
    openPanel: t('accounts.openPanel'),
    neverOpened: t('accounts.neverOpened'),
    scoped: t('access.scoped'),
    countPending: t('whmcs.countPending'),
    needsTwoFactor: t('access.needsTwoFactor'),
    needsTwoFactorHint: t('access.needsTwoFactorHint'),
    roles: { owner: t('roles.owner'), admin: t('roles.admin'), member: t('roles.member') },
    favouriteFor: aroundName(t, 'accounts.favouriteFor'),
    detailsFor: aroundName(t, 'accounts.detailsFor'),
    openPanelFor: aroundName(t, 'accounts.openPanelFor'),
  };
}

/**
 * A sentence with the customer's name in it, split once per language around the name: asking
 * i18next for it per row (three per row) was the largest part of rendering a screenful of rows.
 */
function aroundName(t: TFunction, key: string): (name: string) => string {
  const marker = '\u0000';
  const [before, after, ...more] = t(key, { name: marker }).split(marker);
  // A sentence that names the customer twice, or not at all, is asked for as it is.
  if (before === undefined || after === undefined || more.length > 0) return (name) => t(key, { name });
  return (name) => before + name + after;
}

interface Props {
  row: ListedAccount;
  /** The table's translator: one i18n subscription for the list, not one per row. */
  t: TFunction;
  labels: RowLabels;
  language: string;
  index: number;
  start: number;
  active: boolean;
  opening: boolean;
  now: Date;
  onOpen(row: ListedAccount): void;
  onDetails(ref: AccountRef): void;
  onFavourite(row: ListedAccount, favourite: boolean): void;
}

/** One account in the list; memoized, so scrolling 50,000 rows re-renders only the rows that move in. */
export const AccountRowView = memo(function AccountRowView({
  row,
  t,
  labels,
  language,
  index,
  start,
  active,
  opening,
  now,
  onOpen,
  onDetails,
  onFavourite,
}: Props) {
  const tab = active ? 0 : -1;
  const access = describeAccess(row, language, t);
  const daysLeft = accessDaysLeft(row.accessExpiresAt, now);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      tabIndex={tab}
      className={`grid__row grid__row--body${index % 2 ? ' grid__row--alt' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
    >
      <span role="cell" className="cell-star">
        <button
          type="button"
          // The star and the details arrow are drawn by CSS (accounts.css): an inline SVG was two elements per icon, per row.
          className={`star${row.favourite ? ' star--on' : ''}`}
          tabIndex={tab}
          aria-pressed={row.favourite}
          aria-label={labels.favouriteFor(row.name)}
          title={row.favourite ? labels.unfavourite : labels.favourite}
          onClick={() => onFavourite(row, !row.favourite)}
        />
      </span>
      <span role="cell" className="cell-name">
        <span className="avatar" aria-hidden="true">
          {initials(row.name)}
        </span>
        <span className="cell-name__text">
          <span className="truncate cell-name__name">{row.name}</span>
          {/* The cell is named by the customer alone; the domain is a visual aid, and searchable. */}
          {daysLeft === null ? (
            row.domains.length > 0 && (
              <span className="truncate cell-name__domain" aria-hidden="true">
                {row.domains[0]}
              </span>
            )
          ) : (
            <span className="truncate cell-name__domain">
              {/* On the domain's line, first: the rows keep one height, which the list's windowing counts on. */}
              <span className={`access-left${daysLeft <= 3 ? ' expiry--soon' : ''}`} title={formatDate(row.accessExpiresAt!, language, true)}>
                {t('expiry.listDays', { count: daysLeft })}
              </span>
              {row.domains.length > 0 && <span aria-hidden="true">{` · ${row.domains[0]}`}</span>}
            </span>
          )}
        </span>
      </span>
      <span role="cell" className="truncate muted">
        {labels.providers.get(row.connectionId) ?? row.providerLabel}
      </span>
      {/* The cell is the badge itself, and the access cell its text: an element less each, on every row. */}
      <span role="cell" className={`role role--${row.role}`}>
        {labels.roles[row.role]}
      </span>
      <span role="cell" className="truncate access" title={access.full}>
        {access.text}
        {access.scoped && <span className="access__scope"> · {labels.scoped}</span>}
        {needsTwoFactor(row) && (
          <span className="access__needs-two-factor" title={labels.needsTwoFactorHint}>
            <span aria-hidden="true">{labels.needsTwoFactor}</span>
            {/* The short mark fits the column; a screen reader hears the whole sentence. */}
            <span className="visually-hidden">{labels.needsTwoFactorHint}</span>
          </span>
        )}
      </span>
      {COUNT_COLUMNS.map(([field, , warn]) => {
        const value = row.summary[field];
        // Zeros the provider has not counted yet must not read as "nothing unpaid".
        if (row.summaryPending)
          return (
            <span key={field} role="cell" className="num num--zero" title={labels.countPending}>
              <span aria-hidden="true">—</span>
              <span className="visually-hidden">{labels.countPending}</span>
            </span>
          );
        return (
          <span key={field} role="cell" className={`num${value === 0 ? ' num--zero' : warn ? ' num--warn' : ''}`}>
            {value}
          </span>
        );
      })}
      <span role="cell" className="truncate muted small">
        {row.lastOpenedAt ? (
          <time dateTime={row.lastOpenedAt} title={formatDate(row.lastOpenedAt, language, true)}>
            {formatRelative(row.lastOpenedAt, now, language)}
          </time>
        ) : (
          <>
            <span aria-hidden="true">—</span>
            <span className="visually-hidden">{labels.neverOpened}</span>
          </>
        )}
      </span>
      <span role="cell" className="cell-action">
        <button
          type="button"
          // An arrow, not the word: the word did not fit beside "Open panel" in every language.
          className="btn btn--small btn--ghost btn--square details-arrow"
          tabIndex={tab}
          aria-label={labels.detailsFor(row.name)}
          title={labels.details}
          onClick={() => onDetails({ connectionId: row.connectionId, accountId: row.id })}
        />
        <button
          type="button"
          className="btn btn--small"
          tabIndex={tab}
          aria-label={labels.openPanelFor(row.name)}
          disabled={opening}
          aria-busy={opening}
          onClick={() => onOpen(row)}
        >
          {opening && <Spinner />}
          {labels.openPanel}
        </button>
      </span>
    </div>
  );
});
