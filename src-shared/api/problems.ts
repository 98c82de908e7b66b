/** The API's errors: RFC 9457 problem documents, each with a stable machine code. */
import { z } from 'zod';

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

/** Stable machine codes of the problem documents the API returns. */
export const API_ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'invitation_not_pending',
  'invitation_expired',
  'rate_limited',
  'internal_error',
  /** The person who sent the invitation can no longer grant this access; ask the owner to send it again. */
  'inviter_not_authorized',
  /** An invitation link was opened by a login whose email is not the one invited. */
  'invitation_email_mismatch',
  /** The login's email is not verified yet, so invitations to it cannot be answered by id. */
  'email_not_verified',
  /** A managed user signs in before completing activation. */
  'login_not_activated',
  /** A one-time link (invitation, activation, password reset, verification) is unknown, used, superseded or expired. */
  'link_invalid',
  /** A two-factor code or backup code is wrong, already used, or its challenge is unknown or expired. */
  'invalid_two_factor_code',
  /** The account requires two-factor sign-in and this login has not turned it on yet. */
  'two_factor_required',
  /** The invitee's email is not at one of the domains the account's owner allows invitations to. */
  'email_domain_not_allowed',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
