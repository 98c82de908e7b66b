import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scope } from '../../src-shared/api/schemas.js';

/** `null` means the whole account; a list means only those domains. */
export function scopeOf(domains: string[] | null): Scope | undefined {
  return domains === null ? undefined : { domains };
}

/**
 * Limits a grant to chosen domains. The contract lists an account's domain names but not its
 * services, so only domains can be chosen here; a services scope is set in the provider's panel.
 */
export function ScopePicker({ domains, value, onChange, invalid }: { domains: string[]; value: string[] | null; onChange(next: string[] | null): void; invalid: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  if (domains.length === 0) return null;
  return (
    <fieldset className="field scope-picker">
      <legend className="field-label">{t('team.scope')}</legend>
      <div className="segmented">
        <label className="segmented__option">
          <input type="radio" name={`${id}-scope`} checked={value === null} onChange={() => onChange(null)} />
          <span>{t('team.scopeAll')}</span>
        </label>
        <label className="segmented__option">
          <input type="radio" name={`${id}-scope`} checked={value !== null} onChange={() => onChange([])} />
          <span>{t('team.scopeDomains')}</span>
        </label>
      </div>
      {value !== null && (
        <div className="scope-picker__list" role="group" aria-label={t('team.scopeDomainsLabel')}>
          {domains.map((d) => (
            <label key={d} className="check">
              <input
                type="checkbox"
                checked={value.includes(d)}
                onChange={(e) => onChange(e.target.checked ? [...value, d] : value.filter((x) => x !== d))}
              />
              <span className="mono">{d}</span>
            </label>
          ))}
          {invalid && <p className="inline-error">{t('team.scopeEmpty')}</p>}
        </div>
      )}
    </fieldset>
  );
}
