/** How a request fails: a stable code and a sentence the user understands, in one reply envelope. */
import { z } from 'zod';

/** Error codes a request can end with; each travels with a sentence the user understands. */
export const IPC_ERROR_CODES = [
  'invalid_message',
  'unknown_channel',
  'insecure_url',
  'invalid_url',
  /** A link from a provider that Clientdeck will not open (another site, or not a web address). */
  'unsafe_link',
  'wrong_credentials',
  /** The provider asks for a two-factor code with the password (WHMCS). */
  'second_factor_required',
  /** The provider asks for a captcha Clientdeck cannot answer. */
  'captcha_required',
  'rate_limited',
  'provider_unreachable',
  'provider_error',
  'needs_sign_in',
  'keychain_unavailable',
  'not_found',
  'already_exists',
  'invitation_not_pending',
  'forbidden',
  'conflict',
  'not_supported',
  'internal_error',
] as const;
export const IpcErrorCode = z.enum(IPC_ERROR_CODES);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

export const IpcError = z.object({ code: IpcErrorCode, message: z.string() });
export type IpcError = z.infer<typeof IpcError>;

/** The envelope every reply travels in, so errors survive Electron's and WebSocket's serialisation alike. */
export type IpcReply<T> = { ok: true; result: T } | { ok: false; error: IpcError };
