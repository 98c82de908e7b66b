import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermissionPreset } from '../../src-shared/api/permissions.js';
import type { AccountUser } from '../../src-shared/api/team.js';
import { errorSentence } from '../bridge/invoke.js';
import { permissionKey, permissionsByArea } from '../accounts/access-summary.js';
import { Spinner } from '../kit/Spinner.js';
import {
  draftChanges,
  grantOf,
  PRESET_NAMES,
  presetOf,
  presetPermissions,
  togglePermission,
  withRole,
  type GrantDraft,
  type MatrixDraft,
} from './grant-draft.js';
import { useTeam } from './team-store.js';
import type { GrantRole } from '../../src-shared/api/primitives.js';

const GROUPS = permissionsByArea();

/**
 * Permissions down, people across: tick and untick, apply a preset, change a role, then save
 * everything at once. Nothing changes at the provider until "Save changes".
 */
export function PermissionMatrix({ users, accountName, onSaved }: { users: AccountUser[]; accountName: string; onSaved(count: number): void }) {
  const { t } = useTranslation();
  const updateUser = useTeam((s) => s.updateUser);
  const [draft, setDraft] = useState<MatrixDraft>({});
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const grant = (u: AccountUser): GrantDraft => draft[u.userId] ?? grantOf(u);
  const edit = (u: AccountUser, next: GrantDraft) => setDraft({ ...draft, [u.userId]: next });
  const changes = draftChanges(users, draft);

  async function save() {
    setSaving(true);
    setErrors([]);
    const failed: string[] = [];
    const remaining: MatrixDraft = { ...draft };
    for (const { user, changes: patch } of changes) {
      try {
        await updateUser(user.userId, patch);
        delete remaining[user.userId];
      } catch (err) {
        failed.push(t('team.matrixFailed', { name: user.name, message: errorSentence(err) }));
      }
    }
    setDraft(remaining);
    setErrors(failed);
    setSaving(false);
    if (failed.length === 0) onSaved(changes.length);
  }

  return (
    <section aria-labelledby="matrix-h" className="matrix-section">
      <div className="section-head">
        <h3 id="matrix-h" className="section-title">
          {t('team.matrixHeading')}
        </h3>
        <span className="muted">{t('team.matrixIntro', { account: accountName })}</span>
      </div>
      <div className="matrix-scroll">
        <table className="matrix">
          <thead>
            <tr>
              <td colSpan={2} />
              {users.map((u) => (
                <th key={u.userId} scope="col" className="matrix__person">
                  <span className="matrix__name">{u.name}</span>
                  <span className="matrix__email" title={u.email}>
                    {u.email}
                  </span>
                </th>
              ))}
            </tr>
            <tr className="matrix__controls">
              <th scope="row" colSpan={2}>
                {t('team.role')}
              </th>
              {users.map((u) => (
                <td key={u.userId}>
                  <select
                    aria-label={t('team.roleFor', { name: u.name })}
                    value={grant(u).role}
                    onChange={(e) => edit(u, withRole(grant(u), e.target.value as GrantRole))}
                  >
                    <option value="member">{t('roles.member')}</option>
                    <option value="admin">{t('roles.admin')}</option>
                  </select>
                </td>
              ))}
            </tr>
            <tr className="matrix__controls">
              <th scope="row" colSpan={2}>
                {t('team.preset')}
              </th>
              {users.map((u) => {
                const g = grant(u);
                const preset = presetOf(g.permissions, g.role);
                return (
                  <td key={u.userId}>
                    <select
                      aria-label={t('team.presetFor', { name: u.name })}
                      value={preset}
                      onChange={(e) => {
                        if (e.target.value !== 'custom') edit(u, { ...g, permissions: presetPermissions(e.target.value as PermissionPreset, g.role) });
                      }}
                    >
                      {PRESET_NAMES.map((name) => (
                        <option key={name} value={name}>
                          {t(`team.presets.${name}`)}
                        </option>
                      ))}
                      <option value="custom" disabled>
                        {t('team.presets.custom')}
                      </option>
                    </select>
                  </td>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {GROUPS.map(({ area, permissions }) => (
              <Fragment key={area}>
                {permissions.map((p, i) => (
                  <tr key={p} className={i === 0 ? 'matrix__first' : undefined}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={permissions.length} className="matrix__area">
                        {t(`access.areas.${area}`)}
                      </th>
                    )}
                    <th scope="row" className="matrix__perm">
                      {t(permissionKey(p))}
                    </th>
                    {users.map((u) => {
                      const g = grant(u);
                      const memberLocked = p === 'users.manage' && g.role === 'member';
                      const stored = grantOf(u).permissions.includes(p);
                      const on = g.permissions.includes(p);
                      return (
                        <td key={u.userId} className={`matrix__cell${on !== stored ? ' matrix__cell--changed' : ''}`}>
                          <input
                            type="checkbox"
                            checked={on}
                            disabled={memberLocked || saving}
                            title={memberLocked ? t('team.adminsOnly') : undefined}
                            aria-label={t('team.matrixCell', { permission: t(permissionKey(p)), name: u.name })}
                            onChange={(e) => edit(u, togglePermission(g, p, e.target.checked))}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <div role="alert">
        {errors.map((e) => (
          <p key={e} className="inline-error">
            {e}
          </p>
        ))}
      </div>
      <div className={`savebar${changes.length > 0 ? ' savebar--dirty' : ''}`}>
        <span role="status">{changes.length > 0 ? t('team.unsaved', { count: changes.length }) : t('team.allSaved')}</span>
        <button type="button" className="btn" disabled={changes.length === 0 || saving} onClick={() => setDraft({})}>
          {t('team.discard')}
        </button>
        <button type="button" className="btn btn--primary" disabled={changes.length === 0 || saving} aria-busy={saving} onClick={() => void save()}>
          {saving && <Spinner />}
          {t('team.saveChanges')}
        </button>
      </div>
    </section>
  );
}
