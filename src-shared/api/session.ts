/** Signing in to the client area: a short-lived access token and a rotating refresh token. */
import { z } from 'zod';
import { Email, Password } from './primitives.js';
import { User } from './users.js';

export const SessionRequest = z.object({ email: Email, password: Password }).strict().meta({ id: 'SessionRequest' });

export const SessionResponse = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().positive(),
    user: User,
  })
  .meta({ id: 'SessionResponse' });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `POST /session/refresh`: the refresh token is rotated; the one sent here stops working. */
export const RefreshRequest = z
  .object({ refreshToken: z.string().min(1).max(512) })
  .strict()
  .meta({ id: 'RefreshRequest' });
