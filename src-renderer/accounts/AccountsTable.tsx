import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRow } from '../../src-shared/ipc/contract.js';
import { Spinner } from '../shell/Spinner.js';
import { AccessText } from './AccessText.js';
import { accountKey } from './account-filter.js';

const ROW_HEIGHT = 40; // keep equal to --row-height in app.css
const COUNT_COLUMNS = [
  ['services', 'accounts.colServices', false],
  ['domainsExpiringSoon', 'accounts.colDomains', true],
  ['unpaidInvoices', 'accounts.colInvoices', true],
  ['openTickets', 'accounts.colTickets', false],
] as const;

interface Props {
  rows: AccountRow[];
  openingKey: string | null;
  onOpen(row: AccountRow): void;
}

/**
 * One virtualized table for every account: only the rows on screen exist in the DOM, so 50,000
 * accounts cost what 30 do. Keyboard: one tab stop (roving), arrows, Home/End, Page keys, Enter opens.
 */
export function AccountsTable({ rows, openingKey, onOpen }: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [focusWanted, setFocusWanted] = useState(false);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => accountKey(rows[i]!),
  });
  const current = Math.min(active, Math.max(0, rows.length - 1));

  useEffect(() => {
    if (!focusWanted) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${current}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      setFocusWanted(false);
    }
  });

  function move(to: number) {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    setFocusWanted(true);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, index: number, row: AccountRow) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: rows.length - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      move(to);
    } else if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(row);
    }
  }

  return (
    <div className="grid" role="table" aria-label={t('accounts.listLabel')} aria-rowcount={rows.length + 1} aria-describedby="accounts-kbd">
      <p id="accounts-kbd" className="visually-hidden">
        {t('accounts.keyboardHint')}
      </p>
      <div role="rowgroup" className="grid__head">
        <div role="row" aria-rowindex={1} className="grid__row">
          <span role="columnheader">{t('accounts.colCustomer')}</span>
          <span role="columnheader">{t('accounts.colProvider')}</span>
          <span role="columnheader">{t('accounts.colRole')}</span>
          <span role="columnheader">{t('accounts.colAccess')}</span>
          {COUNT_COLUMNS.map(([field, key]) => (
            <span key={field} role="columnheader" className="num">
              {t(key)}
            </span>
          ))}
          <span role="columnheader" className="visually-hidden-text">
            {t('accounts.colActions')}
          </span>
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="grid__body">
        <div className="grid__spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const key = accountKey(row);
            const opening = openingKey === key;
            const isActive = item.index === current;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                tabIndex={isActive ? 0 : -1}
                className={`grid__row grid__row--body${item.index % 2 ? ' grid__row--alt' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onFocus={() => setActive(item.index)}
                onKeyDown={(e) => onKeyDown(e, item.index, row)}
                onDoubleClick={() => onOpen(row)}
              >
                <span role="cell" className="cell-name">
                  <span className="avatar" aria-hidden="true">
                    {initials(row.name)}
                  </span>
                  <span className="truncate">{row.name}</span>
                </span>
                <span role="cell" className="truncate muted">
                  {row.providerLabel}
                </span>
                <span role="cell">
                  <span className={`role role--${row.role}`}>{t(`roles.${row.role}`)}</span>
                </span>
                <span role="cell" className="truncate">
                  <AccessText row={row} />
                </span>
                {COUNT_COLUMNS.map(([field, , warn]) => {
                  const value = row.summary[field];
                  return (
                    <span key={field} role="cell" className={`num${value === 0 ? ' num--zero' : warn ? ' num--warn' : ''}`}>
                      {value}
                    </span>
                  );
                })}
                <span role="cell" className="cell-action">
                  <button
                    type="button"
                    className="btn btn--small"
                    tabIndex={isActive ? 0 : -1}
                    aria-label={t('accounts.openPanelFor', { name: row.name })}
                    disabled={opening}
                    aria-busy={opening}
                    onClick={() => onOpen(row)}
                  >
                    {opening && <Spinner />}
                    {t('accounts.openPanel')}
                  </button>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase() || '·';
}
