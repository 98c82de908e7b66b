import { memo } from 'react';
import type { TFunction } from 'i18next';
import type { ReviewedAccess } from '../../src-shared/ipc/channels/access-review.js';
import { describeAccess } from '../accounts/AccessText.js';
import { formatDate } from '../kit/relative-time.js';
import { accessExpiry, type ReviewLine } from './review-filter.js';

/** Words every line shows, looked up once per language instead of once per row. */
export interface LineLabels {
  notTold: string;
  notToldHint: string;
  never: string;
  noEnd: string;
  on: string;
  off: string;
  change: string;
  revoke: string;
  owner: string;
  roles: Record<ReviewedAccess['user']['role'], string>;
  /** What each connection is called on screen, by id. */
  providers: ReadonlyMap<string, string>;
  /** Each connection's own login (lower-cased email): that row is the user, who leaves from account detail instead. */
  logins: ReadonlyMap<string, string>;
  you: string;
  accessCount(count: number): string;
  grantedBy(name: string): string;
  changeFor(name: string, account: string): string;
  revokeFor(name: string, account: string): string;
}

interface Props {
  line: ReviewLine;
  index: number;
  start: number;
  t: TFunction;
  labels: LineLabels;
  language: string;
  onChange(row: ReviewedAccess): void;
  onRevoke(row: ReviewedAccess): void;
}

/** What the provider does not tell: a dash, and a tooltip that says so rather than an empty cell. */
function NotTold({ labels }: { labels: LineLabels }) {
  return (
    <span className="review__unknown" title={labels.notToldHint} aria-label={labels.notTold}>
      —
    </span>
  );
}

/** One line of the review: a group's heading or one access; memoized, so scrolling re-renders only the lines that move in. */
export const ReviewLineView = memo(function ReviewLineView({ line, index, start, t, labels, language, onChange, onRevoke }: Props) {
  const style = { transform: `translateY(${start}px)` };
  if (line.kind === 'group') {
    const { row } = line.first;
    const byPerson = line.grouping === 'person';
    return (
      <div role="row" aria-rowindex={index + 2} className="grid__row grid__row--body review__group" style={style}>
        <span role="rowheader" className="review__group-head">
          <strong className="truncate">{byPerson ? row.user.name : row.account.name}</strong>
          <span className="muted truncate">{byPerson ? row.user.email : (labels.providers.get(row.connectionId) ?? '')}</span>
          <span className="muted small">{labels.accessCount(line.count)}</span>
        </span>
      </div>
    );
  }

  const { row } = line.entry;
  const { user } = row;
  const access = describeAccess(user, language, t);
  const expiry = accessExpiry(row);
  const isYou = labels.logins.get(row.connectionId) === user.email.toLowerCase();
  return (
    <div role="row" aria-rowindex={index + 2} className={`grid__row grid__row--body${index % 2 ? ' grid__row--alt' : ''}`} style={style}>
      <span role="cell" className="review__person">
        <span className="truncate">
          {user.name}
          {isYou && <span className="review__you"> · {labels.you}</span>}
        </span>
        <span className="truncate muted small">{user.email}</span>
      </span>
      <span role="cell" className="truncate">
        {row.account.name}
      </span>
      <span role="cell" className="truncate muted">
        {labels.providers.get(row.connectionId) ?? ''}
      </span>
      <span role="cell">
        <span className={`role role--${user.role}`}>{labels.roles[user.role]}</span>
      </span>
      <span role="cell" className="truncate">
        <span className="access" title={access.full}>
          {access.text}
        </span>
      </span>
      <span role="cell" className="review__person">
        <span className="truncate">{formatDate(user.joinedAt, language)}</span>
        {row.grantedBy ? (
          <span className="truncate muted small" title={row.grantedBy.email}>
            {labels.grantedBy(row.grantedBy.name)}
          </span>
        ) : user.role === 'owner' ? (
          <span className="muted small">{labels.owner}</span>
        ) : (
          <NotTold labels={labels} />
        )}
      </span>
      <span role="cell" className="truncate">
        {user.lastLoginAt === undefined ? <NotTold labels={labels} /> : user.lastLoginAt === null ? labels.never : formatDate(user.lastLoginAt, language)}
      </span>
      <span role="cell">
        {user.twoFactorEnabled === undefined ? (
          <NotTold labels={labels} />
        ) : (
          <span className={user.twoFactorEnabled ? 'review__2fa-on' : 'review__2fa-off'}>{user.twoFactorEnabled ? labels.on : labels.off}</span>
        )}
      </span>
      <span role="cell" className="truncate">
        {expiry ? formatDate(expiry, language) : <span className="muted">{labels.noEnd}</span>}
      </span>
      <span role="cell" className="actions">
        {user.role !== 'owner' && !isYou && (
          <>
            <button type="button" className="btn btn--small" aria-label={labels.changeFor(user.name, row.account.name)} onClick={() => onChange(row)}>
              {labels.change}
            </button>
            <button
              type="button"
              className="btn btn--small btn--danger-outline"
              aria-label={labels.revokeFor(user.name, row.account.name)}
              onClick={() => onRevoke(row)}
            >
              {labels.revoke}
            </button>
          </>
        )}
      </span>
    </div>
  );
});
