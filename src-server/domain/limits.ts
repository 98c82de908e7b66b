import { SETTINGS } from '../config/settings.js';
import type { Limit } from './rate-limits.js';

const HOUR = 60 * 60;

/**
 * Every limit of the client area, with its numbers (docs/ARCHITECTURE.md §12). Mail-sending limits
 * are per account as well as per target, so no account can be used to flood mailboxes.
 */
export const LIMITS = {
  /** Sign-up attempts from one client address. */
  signUpPerAddress: { name: 'signup.address', max: 10, windowSeconds: HOUR, what: 'sign-ups from this address' },
  /** Mails telling an existing login that someone tried to sign up with its address. */
  signUpAttemptMailsPerLogin: { name: 'signup.attempt-mail', max: 3, windowSeconds: HOUR, what: 'sign-up notices to this login' },
  /** Invitation mails (new invitations and resends together) one account sends. */
  invitationMailsPerAccount: { name: 'invitation.account', max: 50, windowSeconds: HOUR, what: 'invitations from this account' },
  /** Invitations by customer number one login sends (with any account): guessing numbers stays slow. */
  customerNumberInvitationsPerUser: { name: 'invitation.customer-number', max: 20, windowSeconds: HOUR, what: 'invitations by customer number' },
  /** Resends of one invitation. */
  resendsPerInvitation: { name: 'invitation.resend', max: 3, windowSeconds: HOUR, what: 'resends of this invitation' },
  /** Activation and password mails one account sends to its managed users. */
  userLinkMailsPerAccount: { name: 'user-link.account', max: 50, windowSeconds: HOUR, what: 'activation and password mails from this account' },
  /** Activation and password mails to one login. */
  userLinkMailsPerUser: { name: 'user-link.user', max: 5, windowSeconds: HOUR, what: 'activation and password mails to this login' },
  /** Wrong second-factor codes for one login. */
  twoFactorFailuresPerUser: { name: '2fa.user', max: 10, windowSeconds: SETTINGS.signInWindowSeconds, what: 'wrong two-factor codes' },
  /** Wrong second-factor codes for one challenge (it dies after these). */
  twoFactorFailuresPerChallenge: { name: '2fa.challenge', max: 5, windowSeconds: SETTINGS.twoFactorChallengeSeconds, what: 'wrong two-factor codes' },
  /** Access requests one login sends. */
  accessRequestsPerRequester: { name: 'access-request.requester', max: 5, windowSeconds: HOUR, what: 'access requests from your login' },
  /** Access requests to one account, or to one customer number (known or not: the answer is the same). */
  accessRequestsPerTarget: { name: 'access-request.target', max: 20, windowSeconds: 24 * HOUR, what: 'access requests to this account' },
} as const satisfies Record<string, Limit>;
