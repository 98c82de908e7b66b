/**
 * The access review: everyone who has access to every account the user owns or administers, across
 * all connections, gathered by main over each connector's team part (docs/ARCHITECTURE.md §3).
 * Changing or revoking a row's access goes through the `team.*` channels, like account detail.
 */
import { z } from 'zod';
import { InvitationDomain } from '../../api/access-policy.js';
import { Id, NamedEmail, Timestamp } from '../../api/primitives.js';
import { AccountUser } from '../../api/team.js';
import { IpcErrorCode } from '../errors.js';

/** One person's access to one account. */
export const ReviewedAccess = z.object({
  connectionId: Id,
  account: z.object({ id: Id, name: z.string() }),
  user: AccountUser,
  /** Who sent the invitation the access came from, where the provider lists it; null when it does not tell. */
  grantedBy: NamedEmail.nullable(),
  /** The account's allowed invitation domains; null when the provider does not tell, empty when anyone may be invited. */
  allowedDomains: z.array(InvitationDomain).nullable(),
});
export type ReviewedAccess = z.infer<typeof ReviewedAccess>;

/** What could not be reviewed, and why: a whole connection (account null) or one account of it. */
export const ReviewGap = z.object({
  connectionId: Id,
  account: z.object({ id: Id, name: z.string() }).nullable(),
  code: IpcErrorCode,
  reason: z.string(),
});
export type ReviewGap = z.infer<typeof ReviewGap>;

export const AccessReview = z.object({
  rows: z.array(ReviewedAccess),
  gaps: z.array(ReviewGap),
  /** How many accounts were asked; accounts the user only belongs to as a member are not. */
  accountsReviewed: z.number().int().nonnegative(),
  /** When the gathering finished; null before the first one. */
  gatheredAt: Timestamp.nullable(),
});
export type AccessReview = z.infer<typeof AccessReview>;

/** How far a gathering got, pushed to the renderer as accounts are answered. */
export const ReviewProgress = z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });
export type ReviewProgress = z.infer<typeof ReviewProgress>;

/** A file name the save dialog proposes: no folders, ends in .csv. */
const CsvFileName = z.string().regex(/^[\w. -]{1,120}\.csv$/);

export const accessReviewChannels = {
  /** The last gathering (cached by main), or a new one when none was made yet or `refresh` asks for it. */
  'accessReview.get': { input: z.object({ refresh: z.boolean().optional() }).strict(), output: AccessReview },
  /**
   * Saves the review's CSV where the user chooses (the desktop shell's save dialog). Web mode has no
   * dialog in main: the page downloads the file itself and never sends it.
   */
  'accessReview.saveCsv': {
    input: z.object({ fileName: CsvFileName, csv: z.string().max(200_000_000) }).strict(),
    output: z.object({ saved: z.boolean() }),
  },
} as const;
