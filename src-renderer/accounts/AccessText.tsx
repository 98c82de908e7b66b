import { useTranslation } from 'react-i18next';
import { effectivePermissions } from '../../src-shared/api/permission-catalog.js';
import type { ListedAccount } from '../../src-shared/ipc/channels/accounts.js';
import { permissionKey, summarizeAccess } from './access-summary.js';

type Grant = Pick<ListedAccount, 'role' | 'permissions' | 'scope'>;
type Translate = (key: string, values?: Record<string, unknown>) => string;
/** A grant in words: the short summary, the full permission list, and whether it is limited to some services or domains. */
interface AccessWords {
  text: string;
  full: string;
  scoped: boolean;
}

/**
 * Thousands of rows share a handful of grants: the words for each are worked out once per
 * language, not once per row on every scroll.
 */
const cache = new Map<string, AccessWords>();
/**
 * And once per grant object: a row keeps its object until it changes, so a screenful that scrolls
 * or is searched into view finds its words without building the grant's key string again.
 */
const byGrant = new WeakMap<Grant, { language: string; described: AccessWords }>();

export function describeAccess(grant: Grant, language: string, t: Translate): AccessWords {
  const known = byGrant.get(grant);
  if (known?.language === language) return known.described;
  const described = describeGrant(grant, language, t);
  byGrant.set(grant, { language, described });
  return described;
}

function describeGrant(grant: Grant, language: string, t: Translate): AccessWords {
  const id = `${language}|${grant.role}|${grant.permissions.join(',')}|${JSON.stringify(grant.scope)}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const summary = summarizeAccess(grant.role, grant.permissions, grant.scope);
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
  const full = effectivePermissions(grant.role, grant.permissions)
    .map((p) => t(permissionKey(p)))
    .join(', ');
  const described = { text, full, scoped: summary.scoped };
  if (cache.size > 500) cache.clear();
  cache.set(id, described);
  return described;
}

/** The short access summary of a row; the full permission list is its tooltip. */
export function AccessText({ row }: { row: Grant }) {
  const { t, i18n } = useTranslation();
  const { text, full, scoped } = describeAccess(row, i18n.language, t);
  return (
    <span className="access" title={full}>
      {text}
      {scoped && <span className="access__scope"> · {t('access.scoped')}</span>}
    </span>
  );
}
