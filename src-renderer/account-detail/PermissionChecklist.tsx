import { useTranslation } from 'react-i18next';
import type { Permission } from '../../src-shared/api/permissions.js';
import { permissionKey } from '../accounts/access-summary.js';

interface Props {
  legend: string;
  /** The permissions offered, in catalog order. */
  options: readonly Permission[];
  value: readonly Permission[];
  onChange(permissions: Permission[]): void;
}

/** A plain list of permission checkboxes: what an access request asks, or what its approval gives. */
export function PermissionChecklist({ legend, options, value, onChange }: Props) {
  const { t } = useTranslation();
  const have = new Set(value);
  return (
    <fieldset className="perm-checklist">
      <legend className="field-label">{legend}</legend>
      {options.map((p) => (
        <label key={p} className="check">
          <input type="checkbox" checked={have.has(p)} onChange={(e) => onChange(options.filter((o) => (o === p ? e.target.checked : have.has(o))))} />
          <span>{t(permissionKey(p))}</span>
        </label>
      ))}
    </fieldset>
  );
}
