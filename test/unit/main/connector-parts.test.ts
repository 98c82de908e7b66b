import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { Capability } from '../../../src-shared/api/connectors.js';
import type { Connection } from '../../../src-shared/ipc/channels/connections.js';
import type { Connections } from '../../../src-main/connections/connections.js';
import { ClientareaConnector } from '../../../src-main/connectors/clientarea/clientarea-connector.js';
import { capabilitiesOf, CORE_CAPABILITIES, PART_CAPABILITIES, partOf } from '../../../src-main/connectors/capabilities.js';
import type { AuditPart, Connector, TeamPart } from '../../../src-main/connectors/connector.js';
import { ClientdeckError } from '../../../src-main/errors.js';
import { EventHub } from '../../../src-main/events.js';
import { createDispatcher } from '../../../src-main/ipc/dispatcher.js';
import { createOwnerHandlers } from '../../../src-main/ipc/handlers.js';
import { silentLogger } from '../../../src-main/logging.js';
import type { AccountCache } from '../../../src-main/sync/account-cache.js';
import { connection as sampleConnection, SAMPLES } from './fixtures/channel-samples.js';

const auditPage = SAMPLES['audit.list'].output;

/**
 * A provider platform that lists accounts and shows an audit trail, and has no team or contacts
 * to manage: the second connector the interface has to admit without stubs.
 */
function listingOnlyConnector(): Connector & { audit: AuditPart } {
  return {
    kind: 'clientarea',
    signIn: async (email) => ({ id: 'usr_1', email, name: 'Agency', customerNumber: '1001', status: 'active' }),
    refresh: async () => undefined,
    signOut: async () => undefined,
    probe: async () => true,
    listAccountsPage: async () => ({ notModified: false, items: [], nextCursor: null, etag: null }),
    listIncomingInvitations: async () => [],
    answerInvitation: async () => {
      throw new ClientdeckError('not_found', 'This provider has no such invitation.');
    },
    audit: { list: vi.fn(async () => auditPage) },
  };
}

/** Owner handlers over one connection whose capabilities are `capabilities` and whose connector is `connector`. */
function ownerDispatch(connector: Connector, capabilities: Capability[]) {
  const connection: Connection = { ...sampleConnection, capabilities };
  const connections = { get: () => connection, connectorFor: async () => ({ connection, connector }) } as unknown as Connections;
  const handlers = createOwnerHandlers({ connections, cache: {} as AccountCache, events: new EventHub() });
  return createDispatcher(handlers as never, silentLogger());
}

describe('connector parts are its capabilities', () => {
  it('reads the capabilities off the parts present: no team part, no users.manage; no contacts part, no contacts', () => {
    expect(capabilitiesOf(listingOnlyConnector())).toEqual(['accounts.list', 'invitations.incoming', 'invitations.answer', 'audit']);
  });

  it('gives the clientarea connector, which has every part, every capability', () => {
    const connector = new ClientareaConnector({
      baseUrl: 'http://127.0.0.1:1',
      credentials: { read: async () => null, write: async () => undefined },
      logger: silentLogger(),
    });
    expect(capabilitiesOf(connector)).toEqual(Capability.options);
  });

  it('names every capability once: either every connector has it, or exactly one part gives it', () => {
    const named = [...CORE_CAPABILITIES, ...Object.values(PART_CAPABILITIES)];
    expect([...named].sort()).toEqual([...Capability.options].sort());
  });

  it('answers not_supported through the handlers for a missing part, and serves a present one', async () => {
    const connector = listingOnlyConnector();
    const dispatch = ownerDispatch(connector, capabilitiesOf(connector));
    expect(await dispatch('team.get', SAMPLES['team.get'].input)).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: 'Demo provider does not let Clientdeck manage who has access to accounts.' },
    });
    expect(await dispatch('contacts.list', SAMPLES['contacts.list'].input)).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: 'Demo provider does not let Clientdeck manage contacts.' },
    });
    expect(await dispatch('audit.list', SAMPLES['audit.list'].input)).toEqual({ ok: true, result: auditPage });
    expect(connector.audit.list).toHaveBeenCalledWith('acc_1', undefined);
  });

  it('answers not_supported, not a TypeError, when a connection claims a part its connector lacks', async () => {
    const dispatch = ownerDispatch(listingOnlyConnector(), [...Capability.options]);
    expect(await dispatch('team.revokeUser', SAMPLES['team.revokeUser'].input)).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: 'Demo provider does not let Clientdeck manage who has access to accounts.' },
    });
    expect(() => partOf(listingOnlyConnector(), 'contacts', 'Acme Hosting', 'manage contacts')).toThrow(
      expect.objectContaining({ code: 'not_supported', message: 'Acme Hosting does not let Clientdeck manage contacts.' }),
    );
  });

  it('refuses an end of access on a connector without the access-policy part, rather than granting for ever', async () => {
    const team: TeamPart = {
      listUsers: vi.fn(async () => []),
      updateUser: vi.fn(async () => SAMPLES['team.updateUser'].output),
      revokeUser: vi.fn(async () => undefined),
      leave: vi.fn(async () => undefined),
      listInvitations: vi.fn(async () => []),
      invite: vi.fn(async () => SAMPLES['team.invite'].output),
      resendInvitation: vi.fn(async () => SAMPLES['team.invite'].output),
      cancelInvitation: vi.fn(async () => SAMPLES['team.invite'].output),
    };
    const connector = { ...listingOnlyConnector(), team };
    const dispatch = ownerDispatch(connector, capabilitiesOf(connector));
    const invitation = { email: 'new@b.example', permissions: ['tickets' as const], expiresAt: '2030-01-01T00:00:00.000Z' };
    expect(await dispatch('team.invite', { ...SAMPLES['team.invite'].input, invitation })).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: 'Demo provider does not let Clientdeck set when access ends.' },
    });
    expect(await dispatch('team.updateUser', { ...SAMPLES['team.updateUser'].input, changes: { expiresAt: '2030-01-01T00:00:00.000Z' } })).toMatchObject({
      ok: false,
      error: { code: 'not_supported' },
    });
    expect(team.invite).not.toHaveBeenCalled();
    expect(team.updateUser).not.toHaveBeenCalled();
    // Without an end the team part serves as before; lifting an end (null) asks nothing of the provider it cannot do.
    expect(await dispatch('team.invite', SAMPLES['team.invite'].input)).toMatchObject({ ok: true });
    expect(await dispatch('accessPolicy.invitationDomains', SAMPLES['accessPolicy.invitationDomains'].input)).toMatchObject({
      ok: false,
      error: { code: 'not_supported', message: 'Demo provider does not let Clientdeck restrict invitations to email domains.' },
    });
  });

  it('makes the compiler refuse a part used without asking for it', () => {
    expectTypeOf<Connector['team']>().toEqualTypeOf<TeamPart | undefined>();
    expectTypeOf(partOf<'team'>).returns.toEqualTypeOf<TeamPart>();
    const connector: Connector = listingOnlyConnector();
    // @ts-expect-error a connector may have no team part: reach it through partOf (or the handlers' capablePart)
    expect(() => connector.team.listUsers('acc_1')).toThrow(TypeError);
  });
});
