import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireMessage } from '../../../src-shared/ipc/wire.js';
import { tokenFromHash, WireBridge, wireUrl, type WireSocket } from '../../../src-renderer/bridge/wire-bridge.js';

class FakeSocket implements WireSocket {
  readyState = 0;
  sent: { id: number; channel: string; input: unknown }[] = [];
  onopen: WireSocket['onopen'] = null;
  onclose: WireSocket['onclose'] = null;
  onmessage: WireSocket['onmessage'] = null;
  onerror: WireSocket['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  deliver(message: WireMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

describe('WireBridge', () => {
  let sockets: FakeSocket[];
  let bridge: WireBridge;
  const last = () => sockets[sockets.length - 1]!;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    bridge = new WireBridge({
      url: 'ws://127.0.0.1:4100/ipc?token=t',
      connect: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      unreachableMessage: () => 'Main is away.',
      openTimeoutMs: 1000,
      backoff: { initialMs: 100, maxMs: 400 },
    });
  });

  afterEach(() => {
    bridge.dispose();
    vi.useRealTimers();
  });

  it('sends requests with fresh ids and resolves each with its own reply', async () => {
    last().open();
    const a = bridge.invoke('connections.list', {});
    const b = bridge.invoke('sync.status', {});
    expect(last().sent.map((f) => [f.id, f.channel])).toEqual([
      [1, 'connections.list'],
      [2, 'sync.status'],
    ]);
    last().deliver({ kind: 'reply', id: 2, reply: { ok: true, result: [] } });
    last().deliver({ kind: 'reply', id: 1, reply: { ok: false, error: { code: 'internal_error', message: 'Boom.' } } });
    await expect(b).resolves.toEqual({ ok: true, result: [] });
    await expect(a).resolves.toEqual({ ok: false, error: { code: 'internal_error', message: 'Boom.' } });
  });

  it('holds requests made while connecting and sends them once open', async () => {
    const reply = bridge.invoke('accounts.list', {});
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent).toEqual([{ id: 1, channel: 'accounts.list', input: {} }]);
    last().deliver({ kind: 'reply', id: 1, reply: { ok: true, result: [] } });
    await expect(reply).resolves.toEqual({ ok: true, result: [] });
  });

  it('answers provider_unreachable when the socket does not open in time', async () => {
    const reply = bridge.invoke('accounts.list', {});
    vi.advanceTimersByTime(1000);
    await expect(reply).resolves.toEqual({ ok: false, error: { code: 'provider_unreachable', message: 'Main is away.' } });
  });

  it('fails requests in flight when the socket drops, then reconnects with growing delays', async () => {
    last().open();
    const reply = bridge.invoke('sync.now', {});
    last().drop();
    await expect(reply).resolves.toMatchObject({ ok: false, error: { code: 'provider_unreachable' } });
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
  });

  it('delivers events to listeners until they unsubscribe', () => {
    last().open();
    const seen: unknown[] = [];
    const off = bridge.on('sync.changed', (p) => seen.push(p));
    last().deliver({ kind: 'event', event: 'sync.changed', payload: [] });
    off();
    last().deliver({ kind: 'event', event: 'sync.changed', payload: ['late'] });
    expect(seen).toEqual([[]]);
  });

  it('after a reconnect, tells listeners to refetch every list', () => {
    const lists: unknown[] = [];
    bridge.on('data.changed', (p) => lists.push(p.lists));
    last().open();
    expect(lists).toEqual([]);
    last().drop();
    vi.advanceTimersByTime(100);
    last().open();
    expect(lists).toEqual([['connections', 'accounts', 'invitations', 'queue', 'settings']]);
  });

  it('reports its state and ignores garbage and unknown replies', () => {
    const states: string[] = [];
    bridge.onState((s) => states.push(s));
    last().open();
    last().onmessage?.({ data: 'not json' });
    last().deliver({ kind: 'reply', id: 99, reply: { ok: true, result: 1 } });
    last().drop();
    expect(states).toEqual(['open', 'closed']);
  });

  it('fails at once after dispose', async () => {
    bridge.dispose();
    await expect(bridge.invoke('connections.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'provider_unreachable' } });
  });
});

describe('tokenFromHash and wireUrl', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#x=1&token=a%2Bb')).toBe('a+b');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
  });

  it('builds the socket URL on the page host, token encoded', () => {
    expect(wireUrl('127.0.0.1:4100', 'a+b/c')).toBe('ws://127.0.0.1:4100/ipc?token=a%2Bb%2Fc');
  });
});
