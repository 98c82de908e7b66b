import type { IpcChannel, IpcInput, IpcOutput } from '../../src-shared/ipc/contract.js';
import type { IpcErrorCode } from '../../src-shared/ipc/errors.js';
import { takeEarly } from './early-replies.js';
import { getBridge } from './get-bridge.js';

/** A failed request: a stable `code` for logic, `message` is the sentence to show the user. */
export class IpcCallError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcCallError';
  }
}

/**
 * Calls main and returns the result, or throws an IpcCallError carrying main's sentence. A request
 * the first script already sent (early-replies.ts) is not sent again.
 */
export async function invoke<C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcOutput<C>> {
  let reply;
  try {
    reply = await (takeEarly(channel, input) ?? getBridge().invoke(channel, input));
  } catch (err) {
    // The preload's ipcRenderer.invoke can still throw (e.g. the window is closing).
    throw new IpcCallError('internal_error', err instanceof Error ? err.message : String(err));
  }
  if (reply.ok) return reply.result;
  throw new IpcCallError(reply.error.code, reply.error.message);
}

/** The sentence of any error, for stores that keep only what they show. */
export function errorSentence(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
