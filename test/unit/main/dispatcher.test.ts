import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, ipcContract, type IpcChannel } from '../../../src-shared/ipc/contract.js';
import { ClientdeckError } from '../../../src-main/errors.js';
import { createDispatcher, type IpcHandlers } from '../../../src-main/ipc/dispatcher.js';
import { silentLogger } from '../../../src-main/logging.js';
import { connection, SAMPLES } from './fixtures/channel-samples.js';

/** Handlers that record calls; each returns its channel's sample result. */
function recordingHandlers() {
  const handlers = Object.fromEntries(IPC_CHANNELS.map((channel) => [channel, vi.fn(async () => SAMPLES[channel].output)])) as unknown as {
    [C in IpcChannel]: ReturnType<typeof vi.fn> & IpcHandlers[C];
  };
  const calls = () => IPC_CHANNELS.reduce((n, channel) => n + handlers[channel].mock.calls.length, 0);
  return { handlers, calls };
}

/** Every place inside a value (object keys and array indexes), as paths. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => pathsOf((value as Record<string | number, unknown>)[k], [...prefix, k]))];
}

function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

function isValid(channel: IpcChannel, input: unknown): boolean {
  return ipcContract[channel].input.safeParse(input).success;
}

describe('dispatcher', () => {
  it('runs the handler of every channel with its validated input', async () => {
    const { handlers } = recordingHandlers();
    const dispatch = createDispatcher(handlers, silentLogger());
    for (const channel of IPC_CHANNELS) {
      const reply = await dispatch(channel, SAMPLES[channel].input);
      expect(reply, channel).toEqual({ ok: true, result: ipcContract[channel].output.parse(SAMPLES[channel].output) });
      expect(handlers[channel], channel).toHaveBeenCalledTimes(1);
    }
    // Defaults of the contract are applied before the handler sees the input.
    await dispatch('panel.open', { connectionId: 'c1', accountId: 'a1' });
    expect(handlers['panel.open']).toHaveBeenLastCalledWith({ connectionId: 'c1', accountId: 'a1', target: 'window' });
  });

  it('refuses unknown channels without running anything', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers, silentLogger());
    for (const channel of [
      'nope',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      42,
      null,
      undefined,
      {},
      ['connections.list'],
      'team',
      'team.get ',
      'TEAM.GET',
    ]) {
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
    expect(await dispatch('settings.update', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await dispatch('team.invite', { connectionId: 'c1', accountId: 'a', invitation: { email: 'x@y.example', permissions: [] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_message', message: expect.stringContaining('invitation') },
    });
    expect(calls()).toBe(0);
  });

  it('never runs a handler for fuzzed malformed messages, on any channel', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers, silentLogger());
    const channel = fc.oneof(fc.constantFrom(...IPC_CHANNELS), fc.string(), fc.anything());
    await fc.assert(
      fc.asyncProperty(channel, fc.anything({ withNullPrototype: true, withObjectString: true }), async (ch, input) => {
        const known = typeof ch === 'string' && (IPC_CHANNELS as string[]).includes(ch);
        fc.pre(!known || !isValid(ch as IpcChannel, input));
        const before = calls();
        const reply = await dispatch(ch, input);
        expect(reply.ok).toBe(false);
        if (reply.ok) return;
        expect(reply.error.code).toBe(known ? 'invalid_message' : 'unknown_channel');
        expect(reply.error.message.length).toBeGreaterThan(10);
        expect(calls()).toBe(before);
      }),
      { numRuns: 600 },
    );
  });

  it('refuses valid messages with one part broken (wrong type, huge, hostile, extra field), on every channel', async () => {
    const { handlers, calls } = recordingHandlers();
    const dispatch = createDispatcher(handlers, silentLogger());
    const hostile = fc.oneof(
      fc.anything(),
      fc.constantFrom('', ' ', 'x'.repeat(100_000), '../../etc/passwd', "'; DROP TABLE actions; --", '<script>alert(1)</script>', '\u0000', -1, 1e308, NaN),
      fc.constantFrom(null, undefined, [], {}, true, { __proto__: { polluted: true } }),
    );
    const mutated = fc.constantFrom(...IPC_CHANNELS).chain((ch) => {
      const sample = SAMPLES[ch].input;
      return fc.tuple(
        fc.constant(ch),
        fc.oneof(
          fc.tuple(fc.constantFrom(...pathsOf(sample)), hostile).map(([path, value]) => replaceAt(sample, path, value)),
          fc
            .tuple(fc.constantFrom(...pathsOf(sample).filter((p) => p.length === 0 || typeof p[p.length - 1] === 'string')), fc.string({ minLength: 1 }))
            .map(([path, key]) => replaceAt(sample, path, { ...(path.length === 0 ? (sample as object) : {}), [`x-${key}`]: 1 })),
        ),
      );
    });
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutated, async ([ch, input]) => {
        fc.pre(!isValid(ch, input));
        const before = calls();
        const reply = await dispatch(ch, input);
        expect(reply).toMatchObject({
          ok: false,
          error: { code: 'invalid_message', message: expect.stringMatching(new RegExp(`^The request ${ch.replace('.', '\\.')} was not valid: .+`)) },
        });
        expect(calls()).toBe(before);
        refused++;
      }),
      { numRuns: 1500 },
    );
    expect(refused).toBeGreaterThan(1000);
  });

  it('passes deliberate errors through and hides unexpected ones', async () => {
    const { handlers } = recordingHandlers();
    handlers['invitations.answer'].mockRejectedValueOnce(new ClientdeckError('invitation_not_pending', 'This invitation was cancelled by its sender.'));
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

  it('reuses the checked output of a memoized channel only while its handler returns the very same result', async () => {
    const { handlers } = recordingHandlers();
    const rows = SAMPLES['accounts.list'].output.map((r) => ({ ...r, secret: 'cdr_leak' }));
    handlers['accounts.list'].mockResolvedValue(rows);
    const dispatch = createDispatcher(handlers, silentLogger(), { memoizeOutputs: ['accounts.list'] });
    const first = await dispatch('accounts.list', {});
    const second = await dispatch('accounts.list', {});
    expect(first.ok && second.ok && first.result === second.result).toBe(true);
    expect(JSON.stringify(second)).not.toContain('cdr_leak');
    handlers['accounts.list'].mockResolvedValue([...rows]);
    const third = await dispatch('accounts.list', {});
    expect(third.ok && first.ok && third.result !== first.result).toBe(true);
    // Channels not named are checked every time.
    const a = await dispatch('connections.list', {});
    const b = await dispatch('connections.list', {});
    expect(a.ok && b.ok && a.result !== b.result).toBe(true);
  });

  it('strips anything a handler returns beyond the contract', async () => {
    const { handlers } = recordingHandlers();
    handlers['connections.list'].mockResolvedValueOnce([{ ...connection, refreshToken: 'cdr_leak' }]);
    handlers['queue.list'].mockResolvedValueOnce([{ ...SAMPLES['queue.list'].output[0]!, idempotencyKey: 'key_leak' }]);
    const dispatch = createDispatcher(handlers, silentLogger());
    expect(JSON.stringify(await dispatch('connections.list', {}))).not.toContain('cdr_leak');
    expect(JSON.stringify(await dispatch('queue.list', {}))).not.toContain('key_leak');
  });
});
