/**
 * What a grant's scope can be limited to, and the user's choice among it. Services are chosen by
 * id and domains by name (a scope may name domains either way), so the account row's domain names
 * serve when the provider's product lists cannot be had.
 */
import type { Scope } from '../../src-shared/api/permissions.js';
import type { AccountProducts } from '../../src-shared/ipc/channels/products.js';

export interface ScopeOption {
  value: string;
  label: string;
}
export interface ScopeOptions {
  services: ScopeOption[];
  domains: ScopeOption[];
}
export type ScopeKind = keyof ScopeOptions;
/** `null` is the whole account. */
export type ScopeChoice = Record<ScopeKind, string[]> | null;

export const NOTHING_CHOSEN: Record<ScopeKind, string[]> = Object.freeze({ services: [], domains: [] }) as Record<ScopeKind, string[]>;

/** Options from the provider's lists (cancelled services cannot be used), else the row's domain names. */
export function scopeOptions(products: AccountProducts | null, rowDomains: readonly string[]): ScopeOptions {
  if (!products) return { services: [], domains: rowDomains.map((d) => ({ value: d, label: d })) };
  return {
    services: products.services.filter((s) => s.status !== 'cancelled').map((s) => ({ value: s.id, label: s.name })),
    domains: products.domains.map((d) => ({ value: d.name, label: d.name })),
  };
}

export function toggleScope(choice: ScopeChoice, kind: ScopeKind, value: string, on: boolean): ScopeChoice {
  const base = choice ?? NOTHING_CHOSEN;
  const without = base[kind].filter((v) => v !== value);
  return { ...base, [kind]: on ? [...without, value] : without };
}

/** A limited scope that names nothing would grant nothing: the form refuses it. */
export function isEmptyChoice(choice: ScopeChoice): boolean {
  return choice !== null && choice.services.length === 0 && choice.domains.length === 0;
}

/** The API's scope: absent for the whole account, otherwise only the kinds that name something. */
export function scopeOf(choice: ScopeChoice): Scope | undefined {
  if (choice === null) return undefined;
  return { ...(choice.services.length > 0 ? { services: choice.services } : {}), ...(choice.domains.length > 0 ? { domains: choice.domains } : {}) };
}
