import { memo, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { useNavigation } from '../navigation/navigation-store.js';
import { useNow } from '../kit/use-now.js';
import { accountKey, type AccountSort, type SortKey } from './account-filter.js';
import { AccountRowView, COUNT_COLUMNS, rowLabels } from './AccountRowView.js';
import { useConnections } from '../connections/connections-store.js';
import { useAccounts } from './accounts-store.js';
import { usePanels } from './panel-store.js';
import { useRowWindow } from './use-row-window.js';

const ROW_HEIGHT = 44; // keep equal to --row-height in accounts.css

interface Props {
  rows: ListedAccount[];
}

/**
 * One virtualized table for every account: only the rows on screen exist in the DOM, so 50,000
 * accounts cost what 30 do. Keyboard: one tab stop (roving), arrows, Home/End, Page keys, Enter
 * opens the panel; Tab reaches the row's buttons (favourite, details, open panel).
 */
export const AccountsTable = memo(function AccountsTable({ rows }: Props) {
  const { t, i18n } = useTranslation();
  const connections = useConnections((s) => s.connections);
  const labels = useMemo(() => rowLabels(t, connections), [t, connections]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [focusWanted, setFocusWanted] = useState(false);
  const sort = useAccounts((s) => s.sort);
  const sortBy = useAccounts((s) => s.sortBy);
  const openingKey = usePanels((s) => s.opening);
  const openPanel = usePanels((s) => s.open);
  const setFavourite = useAccounts((s) => s.setFavourite);
  const openAccount = useNavigation((s) => s.openAccount);
  const now = useNow(60_000);
  const rowWindow = useRowWindow(scrollRef, rows.length, ROW_HEIGHT);
  const current = Math.min(active, Math.max(0, rows.length - 1));

  useEffect(() => {
    if (!focusWanted) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${current}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      setFocusWanted(false);
    }
    // The wanted row may render only after a scroll moves the window, so the window is a dependency too.
  }, [focusWanted, current, rows, rowWindow.start, rowWindow.end]);

  const count = rows.length;
  const { scrollToIndex } = rowWindow;
  // The rows' own events are handled here, on their rowgroup, not by a handler passed to each row:
  // one that changed with the number of rows re-rendered every row on screen at every keystroke.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = rowIndexOf(event.target, true);
    if (index === null) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: count - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      const next = Math.max(0, Math.min(count - 1, to));
      setActive(next);
      setFocusWanted(true);
      scrollToIndex(next);
    } else if (event.key === 'Enter' && rows[index]) {
      event.preventDefault();
      void openPanel(rows[index]);
    }
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const index = rowIndexOf(event.target, false);
    if (index !== null) setActive(index);
  };
  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const index = rowIndexOf(event.target, false);
    if (index !== null && rows[index] && !(event.target as HTMLElement).closest('button')) void openPanel(rows[index]);
  };

  return (
    <div className="grid" role="table" aria-label={t('accounts.listLabel')} aria-rowcount={rows.length + 1} aria-describedby="accounts-kbd">
      <p id="accounts-kbd" className="visually-hidden">
        {t('accounts.keyboardHint')}
      </p>
      <div role="rowgroup" className="grid__head">
        <div role="row" aria-rowindex={1} className="grid__row">
          <span role="columnheader" className="cell-star">
            <span className="visually-hidden">{t('accounts.colFavourite')}</span>
          </span>
          <SortHeader column="name" label={t('accounts.colCustomer')} sort={sort} onSort={sortBy} />
          <SortHeader column="provider" label={t('accounts.colProvider')} sort={sort} onSort={sortBy} />
          <SortHeader column="role" label={t('accounts.colRole')} sort={sort} onSort={sortBy} />
          <span role="columnheader">{t('accounts.colAccess')}</span>
          {COUNT_COLUMNS.map(([field, key]) => (
            <SortHeader key={field} column={field} label={t(key)} sort={sort} onSort={sortBy} numeric />
          ))}
          <SortHeader column="lastOpened" label={t('accounts.colLastOpened')} sort={sort} onSort={sortBy} />
          <span role="columnheader" className="visually-hidden-text">
            {t('accounts.colActions')}
          </span>
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="grid__body" onKeyDown={onKeyDown} onFocus={onFocus} onDoubleClick={onDoubleClick}>
        <div className="grid__spacer" style={{ height: rowWindow.totalHeight }}>
          {rowsInWindow(rowWindow.start, rowWindow.end).map((index) => {
            const row = rows[index]!;
            return (
              <AccountRowView
                // Keyed by its place on screen, not by account: a keystroke that changes the rows shown
                // then writes new text into the same elements instead of building ~30 rows from nothing.
                key={index % rowWindow.slots}
                row={row}
                t={t}
                labels={labels}
                language={i18n.language}
                index={index}
                start={index * ROW_HEIGHT}
                active={index === current}
                opening={openingKey === accountKey(row)}
                now={now}
                onOpen={openPanel}
                onDetails={openAccount}
                onFavourite={setFavourite}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
});

/**
 * The index of the row an event happened in (its `data-index`), or null outside a row; with
 * `itself`, only when the row is the target, so keys pressed on a row's buttons stay theirs.
 */
function rowIndexOf(target: EventTarget, itself: boolean): number | null {
  const row = (target as HTMLElement).closest?.<HTMLElement>('[role="row"][data-index]');
  if (!row || (itself && row !== target)) return null;
  return Number(row.dataset.index);
}

function rowsInWindow(start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(i);
  return out;
}

const SortHeader = memo(function SortHeader({
  column,
  label,
  sort,
  onSort,
  numeric = false,
}: {
  column: SortKey;
  label: string;
  sort: AccountSort;
  onSort(key: SortKey): void;
  numeric?: boolean;
}) {
  const { t } = useTranslation();
  const activeSort = sort.key === column;
  return (
    <span role="columnheader" className={numeric ? 'num' : undefined} aria-sort={activeSort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button
        type="button"
        className={`sort${activeSort ? ' sort--active' : ''}`}
        title={t('accounts.sortBy', { column: label })}
        onClick={() => onSort(column)}
      >
        <span>{label}</span>
        <svg className="sort__icon" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
          {activeSort && sort.dir === 'desc' ? <path d="M2 3.5 5 7l3-3.5z" /> : <path d="M2 6.5 5 3l3 3.5z" />}
        </svg>
      </button>
    </span>
  );
});
