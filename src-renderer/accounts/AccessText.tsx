import { useTranslation } from 'react-i18next';
import { effectivePermissions } from '../../src-shared/api/permissions.js';
import type { AccountRow } from '../../src-shared/ipc/contract.js';
import { permissionKey, summarizeAccess } from './access-summary.js';

/** The short access summary of a row; the full permission list is its tooltip. */
export function AccessText({ row }: { row: Pick<AccountRow, 'role' | 'permissions' | 'scope'> }) {
  const { t } = useTranslation();
  const summary = summarizeAccess(row.role, row.permissions, row.scope);
  let text: string;
  switch (summary.kind) {
    case 'all':
      text = t('access.all');
      break;
    case 'none':
      text = t('access.none');
      break;
    case 'preset':
      text = t(`access.presets.${summary.preset}`);
      break;
    case 'areas':
      text = summary.areas.map((a) => t(`access.areas.${a}`)).join(', ');
      if (summary.more > 0) text += ` ${t('access.more', { count: summary.more })}`;
  }
  const full = effectivePermissions(row.role, row.permissions)
    .map((p) => t(permissionKey(p)))
    .join(', ');
  return (
    <span className="access" title={full}>
      {text}
      {summary.scoped && <span className="access__scope"> · {t('access.scoped')}</span>}
    </span>
  );
}
