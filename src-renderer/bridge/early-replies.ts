import type { IpcChannel, IpcInput, IpcOutput } from '../../src-shared/ipc/contract.js';
import type { IpcReply } from '../../src-shared/ipc/errors.js';
import { getBridge } from './get-bridge.js';
import { WireBridge } from './wire-bridge.js';

/**
 * Requests sent while the first script is still being evaluated, before React has rendered
 * anything: main answers them while the page works, instead of after the first render's effects
 * (about a tenth of a second later, docs/ARCHITECTURE.md §4). The first `invoke` of the same
 * channel with the same input takes the reply on its way instead of asking again.
 */
const early = new Map<string, Promise<IpcReply<unknown>>>();
let followingChanges = false;

const keyOf = (channel: IpcChannel, input: unknown) => `${channel}\u0000${JSON.stringify(input)}`;

export function askEarly<C extends IpcChannel>(channel: C, input: IpcInput<C>): void {
  const bridge = getBridge();
  if (!followingChanges) {
    followingChanges = true;
    // A reply asked for before a change is no answer to the load that change asks for.
    bridge.on('data.changed', () => early.clear());
  }
  early.set(keyOf(channel, input), bridge.invoke(channel, input));
}

/** The reply to the same request asked early, once; undefined when none is waiting. */
export function takeEarly<C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcReply<IpcOutput<C>>> | undefined {
  if (early.size === 0) return undefined;
  const key = keyOf(channel, input);
  const reply = early.get(key);
  early.delete(key);
  return reply as Promise<IpcReply<IpcOutput<C>>> | undefined;
}

/**
 * Resolves once the requests asked early have left: at once through Electron's preload (its
 * invoke sends at the call), when web mode's socket has opened (or failed), which needs this task
 * to end first. Never later than `atMostMs`, so a socket that hangs does not keep the page blank.
 */
export function sentEarly(atMostMs: number): Promise<void> {
  const bridge = getBridge();
  if (!(bridge instanceof WireBridge) || bridge.state !== 'connecting') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, atMostMs);
    const stop = bridge.onState(done);
  });
}
