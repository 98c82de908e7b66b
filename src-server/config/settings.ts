/** Lifetimes and limits of the reference client area, in one place. */
export const SETTINGS = {
  accessTokenSeconds: 15 * 60,
  refreshTokenDays: 30,
  /** docs/ARCHITECTURE.md §9: an SSO link is one-time and lives at most 60 s. */
  ssoLinkSeconds: 60,
  panelSessionSeconds: 8 * 60 * 60,
  /** docs/ARCHITECTURE.md §9: an invitation expires 7 days after it was (re)sent. */
  invitationDays: 7,
  /** Failed sign-ins allowed per email and client address within the window. */
  signInFailures: 5,
  signInWindowSeconds: 15 * 60,
  /** How long a two-factor sign-in challenge may be answered. */
  twoFactorChallengeSeconds: 5 * 60,
  /** Mails older than this leave the outbox. */
  outboxRetentionDays: 30,
  /** How often expired counters and old mails are pruned. */
  pruneEverySeconds: 10 * 60,
  /** Accounts whose domain expires within this many days count as "expiring soon". */
  domainsExpiringSoonDays: 30,
  panelCookie: 'clientarea_panel',
} as const;
