import { useEffect, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../kit/EmptyState.js';
import { ErrorBanner } from '../kit/ErrorBanner.js';
import { useNavigation } from '../navigation/navigation-store.js';
import { Skeleton } from '../kit/Skeleton.js';
import { useNow } from '../kit/use-now.js';
import { ViewHeading } from '../kit/ViewHeading.js';
import { AcceptLinkForm } from './AcceptLinkForm.js';
import { AccessRequestsBoard } from './AccessRequestsBoard.js';
import { linkFromText } from './invitation-link.js';
import { LinkAnswers } from './LinkAnswers.js';
import { InvitationCard } from './InvitationCard.js';
import { invitationKey, isAnswerable, useInvitations } from './invitations-store.js';
import { useLinkAcceptance } from './use-link-acceptance.js';

/**
 * A mail client drags a link as text/uri-list; plain text counts only when it is an http(s) URL,
 * so dropping a stray sentence on the view does not raise an error.
 */
function droppedText(e: DragEvent): string | null {
  const types = e.dataTransfer.types;
  if (types.includes('text/uri-list')) return e.dataTransfer.getData('text/uri-list');
  if (types.includes('text/plain')) return linkFromText(e.dataTransfer.getData('text/plain'));
  return null;
}

function carriesLink(e: DragEvent): boolean {
  return e.dataTransfer.types.includes('text/uri-list') || e.dataTransfer.types.includes('text/plain');
}

export function InvitationsView() {
  const { t } = useTranslation();
  const status = useInvitations((s) => s.status);
  const rows = useInvitations((s) => s.rows);
  const error = useInvitations((s) => s.error);
  const load = useInvitations((s) => s.load);
  const lastOutcome = useInvitations((s) => s.lastOutcome);
  const go = useNavigation((s) => s.go);
  const focusInvitation = useNavigation((s) => s.focusInvitation);
  const consumeFocus = useNavigation((s) => s.consumeFocus);
  const now = useNow(30_000);
  const acceptance = useLinkAcceptance();

  // The answer in flight or queued stays with the open invitations until it is settled.
  const open = rows
    .filter((r) => isAnswerable(r, now) || (r.pendingAnswer !== null && r.pendingAnswer.state !== 'done'))
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  const openKeys = new Set(open.map(invitationKey));
  const earlier = rows.filter((r) => !openKeys.has(invitationKey(r))).sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  useEffect(() => {
    if (!focusInvitation || status !== 'ready') return;
    const handle = setTimeout(consumeFocus, 1500);
    return () => clearTimeout(handle);
  }, [focusInvitation, status, consumeFocus]);

  return (
    <div
      className="view view--scroll"
      onDragOver={(e) => {
        if (!carriesLink(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'link';
      }}
      onDrop={(e) => {
        const text = droppedText(e);
        if (text === null) return;
        e.preventDefault();
        void acceptance.accept(text);
      }}
    >
      <div className="view__header">
        <ViewHeading>{t('invitations.heading')}</ViewHeading>
        <p className="muted">{t('invitations.intro')}</p>
      </div>
      <div role="status" className="outcome-region">
        {lastOutcome && (
          <div className={`banner ${lastOutcome.kind === 'queued' ? 'banner--warn' : 'banner--ok'}`}>
            <span>{t(`invitations.${lastOutcome.kind}`, { account: lastOutcome.account, provider: lastOutcome.provider })}</span>
            {lastOutcome.kind === 'accepted' && (
              <button type="button" className="btn btn--small" onClick={() => go('accounts')}>
                {t('invitations.viewAccounts')}
              </button>
            )}
          </div>
        )}
      </div>
      <AcceptLinkForm acceptance={acceptance} />
      <LinkAnswers rows={rows} />
      {error && <ErrorBanner title={t('invitations.loadFailed')} message={error} onRetry={() => void load()} />}
      {status === 'loading' || status === 'idle' ? (
        <Skeleton label={t('invitations.loading')} rows={3} variant="cards" />
      ) : status === 'error' ? null : (
        <>
          {open.length === 0 ? (
            <EmptyState
              heading={t('invitations.emptyHeading')}
              actions={
                <button type="button" className="btn" onClick={() => go('accounts')}>
                  {t('invitations.viewAccounts')}
                </button>
              }
            >
              <p>{t('invitations.emptyText')}</p>
            </EmptyState>
          ) : (
            <ul className="invitation-list" aria-label={t('invitations.listLabel')}>
              {open.map((row) => (
                <InvitationCard key={invitationKey(row)} row={row} now={now} focused={focusInvitation === row.id} />
              ))}
            </ul>
          )}
          {earlier.length > 0 && (
            <section className="earlier" aria-labelledby="earlier-h">
              <h3 id="earlier-h" className="section-title">
                {t('invitations.earlier')}
              </h3>
              <ul className="invitation-list invitation-list--compact" aria-labelledby="earlier-h">
                {earlier.map((row) => (
                  <InvitationCard key={invitationKey(row)} row={row} now={now} focused={focusInvitation === row.id} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <AccessRequestsBoard />
    </div>
  );
}
