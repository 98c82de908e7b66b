/** Pieces many channels' inputs share. */
import { z } from 'zod';
import { Id } from '../api/primitives.js';

/** The input of a channel that takes none. */
export const NoInput = z.object({}).strict();

/** An owner action names the connection and the account it acts on. */
export const OnAccount = { connectionId: Id, accountId: Id };
