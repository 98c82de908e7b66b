import type { Logger } from 'pino';
import type { z } from 'zod';
import { ipcContract, type IpcChannel, type IpcOutput } from '../../src-shared/ipc/contract.js';
import type { IpcReply } from '../../src-shared/ipc/errors.js';
import { summariseIssues, toIpcError } from './ipc-failure.js';

/** Validated input of a channel (defaults applied), as a handler receives it. */
export type HandlerInput<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['input']>;

export type IpcHandlers = { [C in IpcChannel]: (input: HandlerInput<C>) => Promise<IpcOutput<C>> };

export type Dispatch = (channel: unknown, input: unknown) => Promise<IpcReply<unknown>>;

export interface DispatcherOptions {
  /**
   * Channels whose handler returns the very same (never mutated) result while nothing changed: its
   * checked output is reused instead of checking tens of thousands of rows again.
   */
  memoizeOutputs?: IpcChannel[];
}

function isChannel(channel: unknown): channel is IpcChannel {
  return typeof channel === 'string' && Object.hasOwn(ipcContract, channel);
}

/**
 * The single entry for every request, in Electron and web mode alike. A message naming no known
 * channel or carrying input its schema refuses is answered without any handler running, so a
 * refused message can never change state. Results are parsed with the output schema too, which
 * strips anything a handler returned beyond the contract (no token can slip through).
 */
export function createDispatcher(handlers: IpcHandlers, logger: Logger, options: DispatcherOptions = {}): Dispatch {
  const memoized = new Set<IpcChannel>(options.memoizeOutputs ?? []);
  const lastOutput = new Map<IpcChannel, { raw: unknown; parsed: unknown }>();
  return async (channel, input) => {
    if (!isChannel(channel)) {
      const shown = typeof channel === 'string' ? JSON.stringify(channel.slice(0, 100)) : `a ${channel === null ? 'null' : typeof channel}`;
      logger.warn({ channelType: typeof channel }, 'refused unknown channel');
      return { ok: false, error: { code: 'unknown_channel', message: `Clientdeck has no request named ${shown}.` } };
    }
    const contract = ipcContract[channel];
    const parsed = contract.input.safeParse(input);
    if (!parsed.success) {
      logger.warn({ channel, issues: parsed.error.issues.length }, 'refused invalid message');
      return {
        ok: false,
        error: { code: 'invalid_message', message: `The request ${channel} was not valid: ${summariseIssues(parsed.error)}.` },
      };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      const last = lastOutput.get(channel);
      if (last && last.raw === result) return { ok: true, result: last.parsed };
      const output = contract.output.parse(result);
      if (memoized.has(channel)) lastOutput.set(channel, { raw: result, parsed: output });
      return { ok: true, result: output };
    } catch (error) {
      return { ok: false, error: toIpcError(error, logger, channel) };
    }
  };
}
