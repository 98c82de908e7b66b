import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { AnnouncedCount } from '../accounts/AnnouncedCount.js';
import { StillLoadingNote } from '../accounts/StillLoadingNote.js';
import { initials } from '../kit/initials.js';
import { useNavigation } from '../navigation/navigation-store.js';
import { usePalette } from './palette-store.js';
import { usePaletteAccounts, usePaletteActions, type PaletteAction } from './palette-sources.js';
import { paletteResults, type PaletteItem } from './palette-results.js';
import { SearchIcon } from '../kit/icons.js';

/**
 * Ctrl/Cmd+K: find any account and open its panel with Enter (Shift+Enter shows its details), or
 * run an action. The WAI-ARIA combobox pattern: focus stays in the field, arrows move the option.
 */
export function CommandPalette() {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const hide = usePalette((s) => s.hide);
  const { index, arriving, openPanel, providerOf } = usePaletteAccounts();
  const openAccount = useNavigation((s) => s.openAccount);
  const actions = usePaletteActions();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const deferredQuery = useDeferredValue(query);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      usePalette.getState().hide();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // Back where the user was, unless what ran moved focus somewhere on purpose.
      if (opener?.isConnected && (document.activeElement === document.body || document.activeElement === null)) opener.focus();
    };
  }, []);

  const buildGroups = useCallback(
    (text: string) =>
      paletteResults(text, index, actions, { suggested: t('palette.suggested'), accounts: t('palette.accounts'), actions: t('palette.actions') }),
    [index, actions, t],
  );
  // Typing stays smooth with 50,000 accounts: the results follow a frame later if they must.
  const groups = useMemo(() => buildGroups(deferredQuery), [buildGroups, deferredQuery]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const current = Math.min(active, Math.max(0, flat.length - 1));
  const optionId = (i: number) => `${id}-opt-${i}`;

  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  function run(item: PaletteItem | undefined, details = false) {
    if (!item) return;
    hide();
    if (item.kind === 'action') item.action.run();
    else if (details) openAccount({ connectionId: item.row.connectionId, accountId: item.row.id });
    else void openPanel(item.row);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const moves: Record<string, number> = {
      ArrowDown: current + 1 >= flat.length ? 0 : current + 1,
      ArrowUp: current === 0 ? flat.length - 1 : current - 1,
      PageDown: Math.min(flat.length - 1, current + 8),
      PageUp: Math.max(0, current - 8),
    };
    const to = moves[event.key];
    if (to !== undefined && flat.length > 0) {
      event.preventDefault();
      setActive(to);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // Enter right after a keystroke acts on what was typed, not on results a frame old.
      if (deferredQuery !== query) run(buildGroups(query).flatMap((g) => g.items)[0], event.shiftKey);
      else run(flat[current], event.shiftKey);
    }
  }

  let n = -1;
  return (
    <dialog ref={dialogRef} className="palette" aria-label={t('palette.label')} onClick={(e) => e.target === e.currentTarget && hide()}>
      <div className="palette__field">
        <SearchIcon />
        <input
          role="combobox"
          aria-label={t('palette.inputLabel')}
          aria-expanded={flat.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={flat.length > 0 ? optionId(current) : undefined}
          aria-describedby={arriving ? `${id}-partial ${id}-help` : `${id}-help`}
          placeholder={t('palette.placeholder')}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={query}
          onChange={(e) => {
            // Typing starts the selection over; the deferred results catching up a frame later
            // must not undo an arrow key pressed in between.
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <kbd aria-hidden="true">Esc</kbd>
      </div>
      <StillLoadingNote id={`${id}-partial`} className="palette__status" arriving={arriving} />
      <div ref={listRef} id={`${id}-list`} role="listbox" aria-label={t('palette.results')} className="palette__list">
        {groups.map((group) => (
          <div key={group.id} role="group" aria-labelledby={`${id}-g-${group.id}`} className="palette__group">
            <div id={`${id}-g-${group.id}`} className="palette__group-label" role="presentation">
              {group.label}
            </div>
            {group.items.map((item) => {
              n++;
              const i = n;
              return (
                <div
                  key={item.key}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === current}
                  className="palette__option"
                  onMouseMove={() => i !== current && setActive(i)}
                  onClick={(e) => run(item, e.shiftKey)}
                >
                  {item.kind === 'account' ? <AccountOption row={item.row} provider={providerOf(item.row)} /> : <ActionOption action={item.action} />}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <AnnouncedCount className="palette__status" copying={arriving !== null} asked={deferredQuery}>
        {flat.length === 0 ? t('palette.noResults', { query }) : t('palette.resultCount', { count: flat.length })}
      </AnnouncedCount>
      <p id={`${id}-help`} className="palette__help">
        {t('palette.help')}
      </p>
    </dialog>
  );
}

function AccountOption({ row, provider }: { row: ListedAccount; provider: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="avatar" aria-hidden="true">
        {initials(row.name)}
      </span>
      <span className="palette__text">
        <span className="palette__title">
          {row.favourite && <span className="visually-hidden">{t('accounts.favourite')}: </span>}
          {row.name}
        </span>
        <span className="palette__sub">
          {provider} · {t(`roles.${row.role}`)}
          {row.domains[0] ? ` · ${row.domains[0]}` : ''}
        </span>
      </span>
      <span className="palette__hint" aria-hidden="true">
        {t('accounts.openPanel')} ↵
      </span>
    </>
  );
}

function ActionOption({ action }: { action: PaletteAction }) {
  return (
    <>
      <span className={`palette__icon palette__icon--${action.icon}`} aria-hidden="true" />
      <span className="palette__text">
        <span className="palette__title">{action.label}</span>
        {action.detail && <span className="palette__sub">{action.detail}</span>}
      </span>
    </>
  );
}
