import { memo, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ReviewedAccess } from '../../src-shared/ipc/channels/access-review.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import { useRowWindow } from '../accounts/use-row-window.js';
import { connectionName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import type { ReviewLine } from './review-filter.js';
import { ReviewLineView, type LineLabels } from './ReviewLineView.js';

const ROW_HEIGHT = 44; // keep equal to --row-height in tokens.css

export function providerNames(t: TFunction, connections: readonly Pick<Connection, 'id' | 'label' | 'isDemo'>[]): Map<string, string> {
  return new Map(connections.map((c) => [c.id, connectionName(c, t)]));
}

function lineLabels(t: TFunction, connections: readonly Pick<Connection, 'id' | 'label' | 'isDemo' | 'email'>[]): LineLabels {
  return {
    providers: providerNames(t, connections),
    logins: new Map(connections.map((c) => [c.id, c.email.toLowerCase()])),
    you: t('accessReview.you'),
    notTold: t('accessReview.notTold'),
    notToldHint: t('accessReview.notToldHint'),
    never: t('accessReview.never'),
    noEnd: t('accessReview.noEnd'),
    on: t('accessReview.twoFactorOn'),
    off: t('accessReview.twoFactorOff'),
    change: t('accessReview.change'),
    revoke: t('team.revoke'),
    owner: t('accessReview.isOwner'),
    roles: { owner: t('roles.owner'), admin: t('roles.admin'), member: t('roles.member') },
    accessCount: (count) => t('accessReview.groupCount', { count }),
    grantedBy: (name) => t('accessReview.grantedBy', { name }),
    changeFor: (name, account) => t('accessReview.changeFor', { name, account }),
    revokeFor: (name, account) => t('accessReview.revokeFor', { name, account }),
  };
}

interface Props {
  lines: ReviewLine[];
  onChange(row: ReviewedAccess): void;
  onRevoke(row: ReviewedAccess): void;
}

/**
 * Every access in one virtualised table, with the accounts list's row window: group headings and
 * accesses share one height, so 50,000 lines cost what a screenful does.
 */
export const ReviewTable = memo(function ReviewTable({ lines, onChange, onRevoke }: Props) {
  const { t, i18n } = useTranslation();
  const connections = useConnections((s) => s.connections);
  const labels = useMemo(() => lineLabels(t, connections), [t, connections]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowWindow = useRowWindow(scrollRef, lines.length, ROW_HEIGHT);

  const visible: ReviewLine[] = lines.slice(rowWindow.start, rowWindow.end);
  return (
    <div className="grid review" role="table" aria-label={t('accessReview.tableLabel')} aria-rowcount={lines.length + 1}>
      <div role="rowgroup" className="grid__head">
        <div role="row" aria-rowindex={1} className="grid__row">
          {(['colPerson', 'colAccount', 'colProvider', 'colRole', 'colAccess', 'colGranted', 'colLastLogin', 'colTwoFactor', 'colExpires'] as const).map(
            (key) => (
              <span key={key} role="columnheader">
                {t(`accessReview.${key}`)}
              </span>
            ),
          )}
          <span role="columnheader" className="visually-hidden-text">
            {t('accounts.colActions')}
          </span>
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="grid__body">
        <div className="grid__spacer" style={{ height: rowWindow.totalHeight }}>
          {visible.map((line, i) => {
            const index = rowWindow.start + i;
            return (
              <ReviewLineView
                key={line.key}
                line={line}
                index={index}
                start={index * ROW_HEIGHT}
                t={t}
                labels={labels}
                language={i18n.language}
                onChange={onChange}
                onRevoke={onRevoke}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
});
