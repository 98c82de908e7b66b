import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { connectionName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';
import { useAccounts } from '../accounts/accounts-store.js';
import { StillLoadingNote } from '../accounts/StillLoadingNote.js';
import { pickableAccounts, targetKey } from './bulk-progress.js';

interface Props {
  chosen: ReadonlySet<string>;
  onChange(chosen: Set<string>): void;
  invalid: boolean;
}

/**
 * The accounts a bulk invite goes to, across providers: every account the user owns or
 * administers, grouped by connection, with a filter and "choose all shown". Connections that
 * cannot change access are named with the reason, so nothing is left out silently.
 */
export function AccountPicker({ chosen, onChange, invalid }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const rows = useAccounts((s) => s.index.rows);
  const arriving = useAccounts((s) => s.arriving);
  const connections = useConnections((s) => s.connections);
  const [filter, setFilter] = useState('');
  const { groups, unable } = useMemo(() => pickableAccounts(rows, connections), [rows, connections]);
  const needle = filter.trim().toLowerCase();
  const shown = (accounts: ListedAccount[]) =>
    needle === '' ? accounts : accounts.filter((a) => a.name.toLowerCase().includes(needle) || a.domains.some((d) => d.includes(needle)));
  const visible = groups.flatMap((g) => shown(g.accounts));

  const set = (keys: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const key of keys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    onChange(next);
  };

  return (
    <fieldset className="bulk-picker" aria-describedby={`${id}-count`}>
      <legend className="field-label">{t('bulk.accounts')}</legend>
      <div className="bulk-picker__tools">
        <input
          type="search"
          aria-label={t('bulk.filterAccounts')}
          placeholder={t('bulk.filterAccounts')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button
          type="button"
          className="btn btn--small"
          onClick={() =>
            set(
              visible.map((a) => targetKey(a.connectionId, a.id)),
              true,
            )
          }
        >
          {t('bulk.chooseShown')}
        </button>
        <button type="button" className="btn btn--small" onClick={() => onChange(new Set())} disabled={chosen.size === 0}>
          {t('bulk.chooseNone')}
        </button>
      </div>
      <StillLoadingNote arriving={arriving} />
      <p id={`${id}-count`} className={invalid ? 'inline-error' : 'hint'} aria-live="polite">
        {invalid ? t('bulk.noAccountChosen') : t('bulk.chosenCount', { n: chosen.size })}
      </p>
      {groups.length === 0 && <p className="hint">{t('bulk.noManagedAccounts')}</p>}
      <div className="bulk-picker__groups">
        {groups.map(({ connection, accounts }) => {
          const list = shown(accounts);
          if (list.length === 0) return null;
          return (
            <div key={connection.id} className="bulk-picker__group" role="group" aria-labelledby={`${id}-${connection.id}`}>
              <span id={`${id}-${connection.id}`} className="perm-picker__area">
                {connectionName(connection, t)}
              </span>
              {list.map((a) => {
                const key = targetKey(a.connectionId, a.id);
                return (
                  <label key={key} className="check">
                    <input type="checkbox" checked={chosen.has(key)} onChange={(e) => set([key], e.target.checked)} />
                    <span>{a.name}</span>
                  </label>
                );
              })}
            </div>
          );
        })}
      </div>
      {unable.length > 0 && (
        <div className="bulk-unable">
          <p className="field-label">{t('bulk.unableHeading')}</p>
          <ul>
            {unable.map((c) => (
              <li key={c.id}>{t('bulk.unsearched.no_team_part', { provider: connectionName(c, t) })}</li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}
