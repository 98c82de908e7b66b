/** Two-factor sign-in (TOTP, RFC 6238): enrolment, the sign-in challenge, backup codes, disabling. */
import { z } from 'zod';
import { Role } from './permissions.js';
import { Id, Password } from './primitives.js';
import { SessionResponse } from './session.js';

/** Six digits from the authenticator app (spaces, as some apps show them, are ignored). */
export const TotpCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[0-9]{6}$/, 'A code is six digits.'));

/** A backup code as handed out (`xxxxx-xxxxx`); case and the dash are not significant. */
export const BackupCode = z
  .string()
  .transform((s) => s.replace(/[\s-]+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9]{10}$/, 'A backup code is ten letters and digits.'));

export const BACKUP_CODE_COUNT = 10;

/** `GET /me/two-factor`: whether the caller signs in with a second factor. */
export const TwoFactorStatus = z
  .object({
    enabled: z.boolean(),
    /** Unused backup codes; 0 when two-factor sign-in is off. */
    backupCodesLeft: z.number().int().min(0),
  })
  .meta({ id: 'TwoFactorStatus' });
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

/** `POST /me/two-factor/enrolment`: a new secret to add to an authenticator app; not active until confirmed. */
export const TwoFactorEnrolment = z
  .object({
    /** The secret in Base32, for typing it in by hand. */
    secret: z.string(),
    otpauthUri: z.string().startsWith('otpauth://totp/'),
    /** The otpauth URI as a QR code (`data:image/png;base64,…`). */
    qrCodeDataUrl: z.string().startsWith('data:image/png;base64,'),
  })
  .meta({ id: 'TwoFactorEnrolment' });
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolment>;

export const ConfirmTwoFactor = z.object({ code: TotpCode }).strict().meta({ id: 'ConfirmTwoFactor' });

/** Answer to a confirmed enrolment: the backup codes, shown this once (only their digests are kept). */
export const TwoFactorEnabled = z.object({ backupCodes: z.array(z.string()).length(BACKUP_CODE_COUNT) }).meta({ id: 'TwoFactorEnabled' });
export type TwoFactorEnabled = z.infer<typeof TwoFactorEnabled>;

/** Turning two-factor sign-in off takes the password and a current code (or a backup code). */
export const DisableTwoFactor = z
  .object({ password: Password, code: TotpCode.optional(), backupCode: BackupCode.optional() })
  .strict()
  .refine((v) => (v.code === undefined) !== (v.backupCode === undefined), 'Send either code or backupCode.')
  .meta({ id: 'DisableTwoFactor' });

/**
 * `POST /session` for a login with two-factor sign-in: no tokens yet, but a short-lived,
 * single-use challenge to answer at `POST /session/two-factor`.
 */
export const TwoFactorChallenge = z
  .object({
    twoFactorRequired: z.literal(true),
    challengeToken: z.string(),
    expiresIn: z.number().int().positive(),
  })
  .meta({ id: 'TwoFactorChallenge' });
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallenge>;

/** What `POST /session` answers: tokens, or a challenge when the login has two-factor sign-in. */
export const SignInOutcome = z.union([SessionResponse, TwoFactorChallenge]);
export type SignInOutcome = z.infer<typeof SignInOutcome>;

export function isTwoFactorChallenge(outcome: SignInOutcome): outcome is TwoFactorChallenge {
  return 'twoFactorRequired' in outcome;
}

/** `POST /session/two-factor`: the challenge answered with a current code or one backup code. */
export const CompleteTwoFactorSignIn = z
  .object({ challengeToken: z.string().min(1).max(512), code: TotpCode.optional(), backupCode: BackupCode.optional() })
  .strict()
  .refine((v) => (v.code === undefined) !== (v.backupCode === undefined), 'Send either code or backupCode.')
  .meta({ id: 'CompleteTwoFactorSignIn' });

/** `PUT /accounts/{id}/two-factor-policy` (owner only). */
export const SetTwoFactorPolicy = z.object({ required: z.boolean() }).strict().meta({ id: 'SetTwoFactorPolicy' });

/**
 * An account's policy "require two-factor sign-in for everyone with access", with who complies:
 * while it is on, a login without two-factor sign-in is refused every action on the account.
 */
export const TwoFactorPolicy = z
  .object({
    required: z.boolean(),
    members: z.array(z.object({ userId: Id, name: z.string(), email: z.string(), role: Role, twoFactorEnabled: z.boolean() })),
  })
  .meta({ id: 'TwoFactorPolicy' });
export type TwoFactorPolicy = z.infer<typeof TwoFactorPolicy>;
