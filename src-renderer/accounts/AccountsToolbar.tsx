import { memo, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, ROLES, type Permission, type Role } from '../../src-shared/api/permission-catalog.js';
import { useConnections } from '../connections/connections-store.js';
import { isFiltered, type AccountShow } from './account-filter.js';
import { permissionKey } from './access-summary.js';
import { useAccounts } from './accounts-store.js';

const SHOWS: AccountShow[] = ['all', 'favourites', 'recent'];

/** Which accounts the list shows: favourites or recent, provider, role, permission, needs attention. */
export const AccountsToolbar = memo(function AccountsToolbar({ attentionCount }: { attentionCount: number }) {
  const { t } = useTranslation();
  const id = useId();
  // Not the query: typing in the search field must not re-render the filters.
  const filter = useAccounts(
    useShallow((s) => ({
      show: s.filter.show,
      connectionId: s.filter.connectionId,
      role: s.filter.role,
      permission: s.filter.permission,
      needsAttention: s.filter.needsAttention,
    })),
  );
  const setFilter = useAccounts((s) => s.setFilter);
  const clearFilter = useAccounts((s) => s.clearFilter);
  const connections = useConnections((s) => s.connections);

  return (
    <div className="filters" role="group" aria-label={t('accounts.filtersLabel')}>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('accounts.showLabel')}</legend>
        {SHOWS.map((show) => (
          <label key={show} className="segmented__option">
            <input type="radio" name={`${id}-show`} value={show} checked={filter.show === show} onChange={() => setFilter({ show })} />
            <span>{t(`accounts.show.${show}`)}</span>
          </label>
        ))}
      </fieldset>
      {connections.length > 1 && (
        <div className="field field--inline">
          <label htmlFor={`${id}-p`} className="visually-hidden">
            {t('accounts.provider')}
          </label>
          <select id={`${id}-p`} value={filter.connectionId ?? ''} onChange={(e) => setFilter({ connectionId: e.target.value || null })}>
            <option value="">{t('accounts.allProviders')}</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field field--inline">
        <label htmlFor={`${id}-r`} className="visually-hidden">
          {t('accounts.role')}
        </label>
        <select id={`${id}-r`} value={filter.role ?? ''} onChange={(e) => setFilter({ role: (e.target.value || null) as Role | null })}>
          <option value="">{t('accounts.allRoles')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-perm`} className="visually-hidden">
          {t('accounts.permission')}
        </label>
        <select id={`${id}-perm`} value={filter.permission ?? ''} onChange={(e) => setFilter({ permission: (e.target.value || null) as Permission | null })}>
          <option value="">{t('accounts.anyPermission')}</option>
          {PERMISSIONS.map((p) => (
            <option key={p} value={p}>
              {t(permissionKey(p))}
            </option>
          ))}
        </select>
      </div>
      <label className={`toggle-chip${filter.needsAttention ? ' toggle-chip--on' : ''}`}>
        <input type="checkbox" checked={filter.needsAttention} onChange={(e) => setFilter({ needsAttention: e.target.checked })} />
        <span className="toggle-chip__dot" aria-hidden="true" />
        <span>{t('accounts.needsAttention')}</span>
        <span className="toggle-chip__count">{attentionCount}</span>
      </label>
      {isFiltered({ ...filter, query: '' }) && (
        <button type="button" className="btn btn--small btn--ghost" onClick={clearFilter}>
          {t('accounts.clearFilters')}
        </button>
      )}
    </div>
  );
});
