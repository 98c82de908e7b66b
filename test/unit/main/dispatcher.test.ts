import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, ipcContract, type IpcChannel } from '../../../src-shared/ipc/contract.js';
import { ClientdeckError } from '../../../src-main/errors.js';
import { createDispatcher, type IpcHandlers } from '../../../src-main/ipc/dispatcher.js';
import { silentLogger } from '../../../src-main/logging.js';

const connection = {
  id: 'c1',
  label: 'Demo provider',
  baseUrl: 'http://127.0.0.1:4000',
  kind: 'clientarea' as const,
  email: 'a@b.example',
  isDemo: true,
  capabilities: ['accounts.list' as const],
  createdAt: '2024-01-01T00:00:00.000Z',
};

/** Handlers that record calls; each returns a value valid for its channel. */
function recordingHandlers() {
  const handlers = {
    'connections.list': vi.fn(async () => [connection]),
    'connections.add': vi.fn(async () => connection),
    'connections.addDemo': vi.fn(async () => connection),
    'connections.remove': vi.fn(async () => ({ removed: true as const })),
    'sync.status': vi.fn(async () => []),
    'sync.now': vi.fn(async () => []),
    'accounts.list': vi.fn(async () => []),
    'invitations.list': vi.fn(async () => []),
    'invitations.answer': vi.fn(async () => {
      throw new ClientdeckError('invitation_not_pending', 'This invitation was cancelled by its sender.');
    }),
    'panel.open': vi.fn(async () => ({ url: 'https://p.example/sso/x', expiresAt: '2024-01-01T00:01:00.000Z', handled: false })),
  } satisfies IpcHandlers;
  const calls = () => Object.values(handlers).reduce((n, fn) => n + fn.mock.calls.length, 0);
  return { handlers, calls };
}

describe('dispatcher', () => {
  it('runs the handler of a known channel with validated input', async () => {
    const { handlers } = recordingHandlers();
    const dispatch = createDispatcher(handlers, silentLogger());
    expect(await dispatch('connections.list', {})).toEqual({ ok: true, result: [connection] });
    const reply = await dispatch('panel.open', { connectionId: 'c1', accountId: 'a1' });
    expect(reply.ok).toBe(true);
    // Defaults of the contract are applied before the handler sees the input.
    expect(handlers['panel.open']).toHaveBeenCalledWith({ connectionId: 'c1', accountId: 'a1', target: 'window' });
  });

  it('refuses unknown channels without running anything', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers, silentLogger());
    for (const channel of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 42, null, undefined, {}, ['connections.list']]) {
      const reply = await dispatch(channel, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(calls()).toBe(0);
  });

  it('refuses invalid input with the zod issue in the sentence', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers, silentLogger());
    const reply = await dispatch('connections.add', { baseUrl: 'https://x.example', email: 'a@b.example', password: '' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_message');
    expect(reply.error.message).toMatch(/^The request connections\.add was not valid: password: /);
    expect(await dispatch('connections.list', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await dispatch('connections.list', undefined)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(calls()).toBe(0);
  });

  it('never runs a handler for fuzzed malformed messages', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers, silentLogger());
    const channel = fc.oneof(fc.constantFrom(...IPC_CHANNELS), fc.string(), fc.anything());
    await fc.assert(
      fc.asyncProperty(channel, fc.anything({ withNullPrototype: true, withObjectString: true }), async (ch, input) => {
        const known = typeof ch === 'string' && (IPC_CHANNELS as string[]).includes(ch);
        fc.pre(!known || !ipcContract[ch as IpcChannel].input.safeParse(input).success);
        const before = calls();
        const reply = await dispatch(ch, input);
        expect(reply.ok).toBe(false);
        if (reply.ok) return;
        expect(reply.error.code).toBe(known ? 'invalid_message' : 'unknown_channel');
        expect(reply.error.message.length).toBeGreaterThan(10);
        expect(calls()).toBe(before);
      }),
      { numRuns: 500 },
    );
  });

  it('passes deliberate errors through and hides unexpected ones', async () => {
    const { handlers } = recordingHandlers();
    handlers['sync.status'].mockRejectedValueOnce(new TypeError('cannot read properties of undefined (secret internals)'));
    const dispatch = createDispatcher(handlers, silentLogger());
    expect(await dispatch('invitations.answer', { connectionId: 'c1', invitationId: 'i1', answer: 'accept' })).toEqual({
      ok: false,
      error: { code: 'invitation_not_pending', message: 'This invitation was cancelled by its sender.' },
    });
    const reply = await dispatch('sync.status', {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(JSON.stringify(reply)).not.toContain('secret internals');
  });

  it('strips anything a handler returns beyond the contract', async () => {
    const { handlers } = recordingHandlers();
    handlers['connections.list'].mockResolvedValueOnce([{ ...connection, refreshToken: 'cdr_leak' } as typeof connection]);
    const dispatch = createDispatcher(handlers, silentLogger());
    const reply = await dispatch('connections.list', {});
    expect(JSON.stringify(reply)).not.toContain('cdr_leak');
  });
});
