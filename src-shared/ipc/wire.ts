/** The web-mode wire format over the loopback WebSocket. */
import { z } from 'zod';
import type { IpcReply } from './errors.js';
import type { IpcEvent } from './events.js';

export const WireRequest = z.object({ id: z.number().int(), channel: z.string().max(100), input: z.unknown() }).strict();
export type WireMessage = { kind: 'reply'; id: number; reply: IpcReply<unknown> } | { kind: 'event'; event: IpcEvent; payload: unknown };
