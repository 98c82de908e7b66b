import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../src-shared/api/permissions.js';
import { permissionKey, permissionsByArea } from '../accounts/access-summary.js';
import { PRESET_NAMES, normalizePermissions, presetOf, presetPermissions } from './grant-draft.js';
import type { GrantRole } from '../../src-shared/api/primitives.js';

interface Props {
  value: Permission[];
  role: GrantRole;
  onChange(permissions: Permission[]): void;
  /** Shown when nothing is ticked and the form was submitted. */
  invalid?: boolean;
}

const GROUPS = permissionsByArea();

/** A preset in one click, or permission by permission; the preset follows what is ticked. */
export function PermissionPicker({ value, role, onChange, invalid = false }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const preset = presetOf(value, role);
  const have = new Set(value);

  return (
    <fieldset className="perm-picker" aria-describedby={invalid ? `${id}-err` : undefined}>
      <legend className="field-label">{t('team.permissions')}</legend>
      <div className="segmented segmented--wrap" role="radiogroup" aria-label={t('team.preset')}>
        {PRESET_NAMES.map((name) => (
          <label key={name} className="segmented__option">
            <input type="radio" name={`${id}-preset`} checked={preset === name} onChange={() => onChange(presetPermissions(name, role))} />
            <span>{t(`team.presets.${name}`)}</span>
          </label>
        ))}
        <label className="segmented__option">
          <input type="radio" name={`${id}-preset`} checked={preset === 'custom'} onChange={() => undefined} disabled={preset !== 'custom'} />
          <span>{t('team.presets.custom')}</span>
        </label>
      </div>
      <div className="perm-picker__groups">
        {GROUPS.map(({ area, permissions }) => {
          const shown = permissions.filter((p) => !(p === 'users.manage' && role === 'member'));
          if (shown.length === 0) return null;
          return (
            <div key={area} className="perm-picker__group" role="group" aria-labelledby={`${id}-${area}`}>
              <span id={`${id}-${area}`} className="perm-picker__area">
                {t(`access.areas.${area}`)}
              </span>
              {shown.map((p) => (
                <label key={p} className="check">
                  <input
                    type="checkbox"
                    checked={have.has(p)}
                    onChange={(e) => {
                      const next = new Set(value);
                      if (e.target.checked) next.add(p);
                      else next.delete(p);
                      onChange(normalizePermissions(next, role));
                    }}
                  />
                  <span>{t(permissionKey(p))}</span>
                </label>
              ))}
            </div>
          );
        })}
      </div>
      {invalid && (
        <p id={`${id}-err`} className="inline-error">
          {t('team.choosePermission')}
        </p>
      )}
    </fieldset>
  );
}

/** Member or admin; admins may also be given "Manage users". */
export function RolePicker({ value, onChange }: { value: GrantRole; onChange(role: GrantRole): void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="role-picker">
      <legend className="field-label">{t('team.role')}</legend>
      <div className="segmented">
        {(['member', 'admin'] as const).map((role) => (
          <label key={role} className="segmented__option">
            <input type="radio" name={`${id}-role`} checked={value === role} onChange={() => onChange(role)} aria-describedby={`${id}-hint`} />
            <span>{t(`roles.${role}`)}</span>
          </label>
        ))}
      </div>
      <span id={`${id}-hint`} className="hint">
        {t('team.roleHint')}
      </span>
    </fieldset>
  );
}
