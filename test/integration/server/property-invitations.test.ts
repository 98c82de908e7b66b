/**
 * The invitation state machine, property-based (fast-check): random sequences of invite, resend,
 * cancel, accept and decline (by id and by mailed token, old or current), revoke and clock
 * advances, run against the real domain functions on a SQLite file with an injected clock, and
 * checked against a small model after every step. No sequence may yield two memberships, an
 * accepted expired or cancelled invitation, or a working old token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-server/db/database.js';
import { migrateToLatest } from '../../../src-server/db/migrations.js';
import type { Database, UserRow } from '../../../src-server/db/tables.js';
import { revokeAccountUser } from '../../../src-server/domain/account-users.js';
import { createAccount } from '../../../src-server/domain/accounts.js';
import type { ClientAreaContext } from '../../../src-server/domain/context.js';
import { ClientAreaError } from '../../../src-server/domain/errors.js';
import { redeemInvitation } from '../../../src-server/domain/invitation-links.js';
import { answerInvitation, effectiveStatus } from '../../../src-server/domain/invitations.js';
import { cancelInvitation, inviteToAccount, resendInvitation } from '../../../src-server/domain/outgoing-invitations.js';
import { DEFAULT_PASSWORD_POLICY } from '../../../src-server/domain/passwords.js';
import { RateLimits } from '../../../src-server/domain/rate-limits.js';
import { SignInLimiter } from '../../../src-server/domain/sign-in-limiter.js';
import { createUser } from '../../../src-server/domain/users.js';
import { Mailer } from '../../../src-server/mail/mailer.js';
import type { InvitationAnswer } from '../../../src-shared/api/primitives.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE_URL = 'https://clientarea.test';
const RUNS = 100;

/** Who an invitation goes to: two logins, and an address with no login at all. */
const INVITEES = ['ursula@example.com', 'victor@example.com', 'nobody@example.com'] as const;

type Action =
  | { t: 'invite'; who: 0 | 1 | 2 }
  | { t: 'resend' | 'cancel'; k: number }
  | { t: InvitationAnswer; k: number; via: 'id' | 'token'; oldToken: boolean }
  | { t: 'revoke'; who: 0 | 1 }
  | { t: 'advance'; ms: number };

const who3 = fc.constantFrom<0 | 1 | 2>(0, 1, 2);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('invite' as const), who: who3 }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constantFrom('resend' as const, 'cancel' as const), k: fc.nat(5) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constantFrom('accept' as const, 'decline' as const),
      k: fc.nat(5),
      via: fc.constantFrom('id' as const, 'token' as const),
      oldToken: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('revoke' as const), who: fc.constantFrom<0 | 1>(0, 1) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.constantFrom(HOUR, 3 * DAY, 7 * DAY - 1000, 7 * DAY, 7 * DAY + 1000) }) },
);

interface ModelInvitation {
  id: string;
  who: 0 | 1 | 2;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  expiresAt: number;
  answeredBy: string | null;
  current: string;
  old: string[];
  /** The resend limit's window for this invitation: every resend of a pending one counts, refused or not. */
  resends?: { endsAt: number; count: number };
}

/** What the model expects: success, or the stable code of the refusal. */
type Expected = 'ok' | string;

describe('invitation state machine (fast-check)', () => {
  let dir: string;
  let db: Kysely<Database>;
  let ctx: ClientAreaContext;
  let mailer: Mailer | undefined;
  let now = new Date('2025-03-03T09:00:00.000Z').getTime();
  let owner: UserRow;
  const logins: UserRow[] = [];
  let steps = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clientarea-property-'));
    db = openDatabase({ file: join(dir, 'property.sqlite'), url: '' });
    await migrateToLatest(db);
    const clock = () => new Date(now);
    const log = pino({ level: 'silent' });
    mailer = new Mailer({ db, clock, log });
    ctx = {
      db,
      clock,
      adminKey: 'unused',
      signInLimiter: new SignInLimiter(db, clock),
      limits: new RateLimits(db, clock),
      log,
      mailer,
      passwordPolicy: DEFAULT_PASSWORD_POLICY,
    } as ClientAreaContext;
    // Password hashes are irrelevant here; skipping argon2 keeps a hundred runs fast.
    owner = await createUser(db, clock(), { email: 'owner@example.com', name: 'Olivia Owner', passwordHash: 'unused' });
    for (const email of INVITEES.slice(0, 2)) logins.push(await createUser(db, clock(), { email, name: email.split('@')[0]!, passwordHash: 'unused' }));
  });
  afterAll(async () => {
    await mailer?.close();
    await db?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const seenTokens = new Set<string>();
  /** The token of the invitation mail just sent to this address: what the invitee would click. */
  const mailedToken = async (accountId: string, email: string): Promise<string> => {
    const mails = await db.selectFrom('outbox').select('text').where('account_id', '=', accountId).where('to_address', '=', email).execute();
    const fresh = mails
      .map((m) => /[?&]token=([^\s&"<>]+)/.exec(m.text)?.[1])
      .filter((t): t is string => t !== undefined)
      .map(decodeURIComponent)
      .filter((t) => !seenTokens.has(t));
    if (fresh.length !== 1) throw new Error(`expected one new invitation mail to ${email}, found ${fresh.length}`);
    seenTokens.add(fresh[0]!);
    return fresh[0]!;
  };

  const outcome = async (work: () => Promise<unknown>): Promise<Expected> => {
    try {
      await work();
      return 'ok';
    } catch (error) {
      if (error instanceof ClientAreaError) return error.code;
      throw error;
    }
  };

  it(`holds for ${RUNS} random sequences of 5 to 30 steps`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 5, maxLength: 30, size: 'max' }), async (actions) => {
        const account = await createAccount(db, new Date(now), { name: `Property run ${++run}`, ownerEmail: owner.email });
        const invitations: ModelInvitation[] = [];
        const members = new Set<0 | 1>();
        const pick = (k: number) => (invitations.length === 0 ? undefined : invitations[k % invitations.length]);
        const invitee = (who: 0 | 1 | 2): UserRow => logins[who === 2 ? 0 : who]!;
        const isMember = (who: 0 | 1 | 2) => who !== 2 && members.has(who);

        for (const action of actions) {
          steps++;
          let expected: Expected;
          let actual: Expected;
          const nowIso = () => new Date(now).toISOString();
          switch (action.t) {
            case 'invite': {
              const email = INVITEES[action.who];
              const livePending = invitations.some((i) => i.who === action.who && i.status === 'pending' && i.expiresAt > now);
              expected = isMember(action.who) || livePending ? 'conflict' : 'ok';
              let id = '';
              actual = await outcome(async () => {
                id = (await inviteToAccount(ctx, owner, account.id, { email, role: 'member', permissions: ['tickets'] }, BASE_URL)).id;
              });
              if (actual === 'ok') {
                invitations.push({
                  id,
                  who: action.who,
                  status: 'pending',
                  expiresAt: now + 7 * DAY,
                  answeredBy: null,
                  current: await mailedToken(account.id, email),
                  old: [],
                });
              }
              break;
            }
            case 'resend': {
              const inv = pick(action.k);
              if (!inv) continue;
              if (inv.status !== 'pending') expected = 'invitation_not_pending';
              else {
                // At most three resends of one invitation an hour (docs/ARCHITECTURE.md §12); the window opens at the first.
                inv.resends = !inv.resends || inv.resends.endsAt <= now ? { endsAt: now + HOUR, count: 1 } : { ...inv.resends, count: inv.resends.count + 1 };
                expected = inv.resends.count > 3 ? 'rate_limited' : isMember(inv.who) ? 'conflict' : 'ok';
              }
              actual = await outcome(() => resendInvitation(ctx, owner, account.id, inv.id, BASE_URL));
              if (actual === 'ok') {
                inv.old.push(inv.current);
                inv.current = await mailedToken(account.id, INVITEES[inv.who]);
                inv.expiresAt = now + 7 * DAY;
              }
              break;
            }
            case 'cancel': {
              const inv = pick(action.k);
              if (!inv) continue;
              expected = inv.status === 'cancelled' || inv.status === 'pending' ? 'ok' : 'invitation_not_pending';
              actual = await outcome(() => cancelInvitation(ctx, owner, account.id, inv.id));
              if (actual === 'ok') inv.status = 'cancelled';
              break;
            }
            case 'accept':
            case 'decline': {
              const inv = pick(action.k);
              if (!inv) continue;
              const user = invitee(inv.who);
              const wanted = action.t === 'accept' ? 'accepted' : 'declined';
              const settle = (): Expected => {
                if (inv.status !== 'pending') return 'invitation_not_pending';
                if (inv.expiresAt <= now) return 'invitation_expired';
                return 'ok';
              };
              if (action.via === 'id') {
                // By id, only the invitee's own login finds it; answering the same way again is a no-op.
                if (inv.who === 2) expected = 'not_found';
                else if (inv.status === wanted && inv.answeredBy === user.id) expected = 'ok';
                else expected = settle();
                actual = await outcome(() => answerInvitation(db, new Date(now), user, inv.id, action.t));
              } else {
                const token = action.oldToken ? (inv.old.at(-1) ?? 'cdi_never_issued_token_000000') : inv.current;
                // A superseded or unknown token is dead; a live one works for the invited login only.
                if (token !== inv.current) expected = 'link_invalid';
                else if (inv.who === 2) expected = 'invitation_email_mismatch';
                else expected = settle();
                actual = await outcome(() => redeemInvitation(ctx, user, token, action.t));
              }
              if (actual === 'ok' && inv.status === 'pending') {
                inv.status = wanted;
                inv.answeredBy = user.id;
                if (wanted === 'accepted' && inv.who !== 2) members.add(inv.who);
              }
              break;
            }
            case 'revoke': {
              expected = members.has(action.who) ? 'ok' : 'not_found';
              actual = await outcome(() => revokeAccountUser(ctx, owner, account.id, logins[action.who]!.id));
              if (actual === 'ok') members.delete(action.who);
              break;
            }
            case 'advance':
              now += action.ms;
              continue;
          }
          expect(actual, `${JSON.stringify(action)} at ${nowIso()}`).toBe(expected);
          await checkInvariants(account.id, invitations, members);
        }
      }),
      { numRuns: RUNS },
    );
    expect(steps).toBeGreaterThan(RUNS);
  });

  async function checkInvariants(accountId: string, model: ModelInvitation[], members: Set<0 | 1>): Promise<void> {
    const at = new Date(now);
    for (const [who, login] of logins.entries()) {
      const rows = await db.selectFrom('memberships').select('id').where('account_id', '=', accountId).where('user_id', '=', login.id).execute();
      // Never two memberships, and one exactly when an accepted invitation was not revoked since.
      expect(rows.length).toBe(members.has(who as 0 | 1) ? 1 : 0);
    }
    const stored = await db.selectFrom('invitations').selectAll().where('account_id', '=', accountId).execute();
    expect(stored).toHaveLength(model.length);
    for (const inv of model) {
      const row = stored.find((r) => r.id === inv.id)!;
      const modelStatus = inv.status === 'pending' && inv.expiresAt <= now ? 'expired' : inv.status;
      expect(effectiveStatus(row, at), `invitation ${inv.id}`).toBe(modelStatus);
      if (row.status === 'accepted') {
        // Accepted within its window, and never after a cancel (the model refuses that transition).
        expect(row.answered_at! < row.expires_at).toBe(true);
      }
    }
  }
});
