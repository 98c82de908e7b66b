import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTHING_CHOSEN, type ScopeChoice, type ScopeKind, type ScopeOptions, toggleScope } from './scope-choice.js';

/**
 * Limits a grant to chosen services and domains of the account (from the provider's lists, or the
 * row's domain names when those cannot be had). Hidden when there is nothing to choose from.
 */
export function ScopePicker({
  options,
  value,
  onChange,
  invalid,
}: {
  options: ScopeOptions;
  value: ScopeChoice;
  onChange(next: ScopeChoice): void;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const withServices = options.services.length > 0;
  if (!withServices && options.domains.length === 0) return null;
  const group = (kind: ScopeKind, label: string) =>
    value !== null &&
    options[kind].length > 0 && (
      <div className="scope-picker__list" role="group" aria-label={label}>
        {options[kind].map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" checked={value[kind].includes(o.value)} onChange={(e) => onChange(toggleScope(value, kind, o.value, e.target.checked))} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    );
  return (
    <fieldset className="field scope-picker">
      <legend className="field-label">{t('team.scope')}</legend>
      <div className="segmented">
        <label className="segmented__option">
          <input type="radio" name={`${id}-scope`} checked={value === null} onChange={() => onChange(null)} />
          <span>{t('team.scopeAll')}</span>
        </label>
        <label className="segmented__option">
          <input type="radio" name={`${id}-scope`} checked={value !== null} onChange={() => onChange(NOTHING_CHOSEN)} />
          <span>{t(withServices ? 'team.scopeChosen' : 'team.scopeDomains')}</span>
        </label>
      </div>
      {group('services', t('team.scopeServicesLabel'))}
      {group('domains', t('team.scopeDomainsLabel'))}
      {value !== null && invalid && <p className="inline-error">{t(withServices ? 'team.scopeEmptyAny' : 'team.scopeEmpty')}</p>}
    </fieldset>
  );
}
