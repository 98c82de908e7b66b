import { Capability } from '../../src-shared/api/connectors.js';
import { ClientdeckError } from '../errors.js';
import type { Connector } from './connector.js';

/** What every connector does: its methods are on the interface itself, not in a part. */
export const CORE_CAPABILITIES = ['accounts.list', 'invitations.incoming', 'invitations.answer'] as const satisfies readonly Capability[];

/**
 * The capability each optional part of the connector gives. The type makes it exhaustive: a part
 * added to `Connector` fails the type check here until it names its capability.
 */
export const PART_CAPABILITIES = {
  team: 'users.manage',
  managedUsers: 'managed_users',
  contacts: 'contacts',
  audit: 'audit',
  products: 'products',
  sso: 'sso',
  accessPolicy: 'access_policy',
} as const satisfies { [P in keyof Connector as undefined extends Connector[P] ? P : never]-?: Capability };

export type PartName = keyof typeof PART_CAPABILITIES;

const PART_NAMES = Object.keys(PART_CAPABILITIES) as PartName[];

/**
 * What a connector can do, read off the parts it has: the one source of the capability list,
 * so what the UI shows and what main allows cannot drift from what the connector implements.
 * In the order of `Capability`, so the list reads the same for every connector.
 */
export function capabilitiesOf(connector: Connector): Capability[] {
  const present = new Set<Capability>(CORE_CAPABILITIES);
  for (const part of PART_NAMES) if (connector[part] !== undefined) present.add(PART_CAPABILITIES[part]);
  return Capability.options.filter((capability) => present.has(capability));
}

/**
 * The refusal of a request the connector cannot serve; `what` completes "does not let Clientdeck …".
 * Written once, so every capability check answers with the same code and sentence.
 */
export function capabilityMissing(providerLabel: string, what: string): ClientdeckError {
  return new ClientdeckError('not_supported', `${providerLabel} does not let Clientdeck ${what}.`);
}

/** The connector's part, or the `not_supported` refusal when it has none (never a TypeError on `undefined`). */
export function partOf<P extends PartName>(connector: Connector, part: P, providerLabel: string, what: string): NonNullable<Connector[P]> {
  const found = connector[part];
  if (found === undefined) throw capabilityMissing(providerLabel, what);
  return found as NonNullable<Connector[P]>;
}
