/** A one-time link that signs the caller in to an account's panel. */
import { z } from 'zod';
import { Timestamp } from './primitives.js';

export const SsoLink = z.object({ url: z.url(), expiresAt: Timestamp }).meta({ id: 'SsoLink' });
export type SsoLink = z.infer<typeof SsoLink>;
