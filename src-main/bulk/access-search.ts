import type { AccessSearch, FoundAccess, FoundInvitation, Unsearched } from '../../src-shared/ipc/channels/bulk.js';
import type { Connection } from '../../src-shared/ipc/channels/connections.js';
import type { Connector } from '../connectors/connector.js';
import { isClientdeckError } from '../errors.js';
import type { AccountCache } from '../sync/account-cache.js';
import { Limiter } from '../sync/limiter.js';

export interface AccessSearchOptions {
  connections: { list(): Connection[]; connectorFor(id: string): Promise<{ connector: Connector }> };
  cache: Pick<AccountCache, 'read'>;
  /** Accounts asked at once across all connections: a search touches every account the user runs. */
  concurrency?: number;
}

/**
 * Where one person has access among the accounts the user owns or administers, across every
 * connection, by asking each connector's team part for the account's users and its pending
 * invitations. What could not be
 * asked is listed with its reason, never silently left out: the user confirms the removal
 * knowing what was not searched.
 */
export async function searchAccess(email: string, options: AccessSearchOptions): Promise<AccessSearch> {
  const wanted = email.trim().toLowerCase();
  const limiter = new Limiter(options.concurrency ?? 4);
  const found: FoundAccess[] = [];
  const invitations: FoundInvitation[] = [];
  const unsearched: Unsearched[] = [];
  const skip = (connection: Connection, reason: Unsearched['reason'], detail: string | null, account?: { id: string; name: string }) =>
    unsearched.push({
      connectionId: connection.id,
      providerLabel: connection.label,
      accountId: account?.id ?? null,
      accountName: account?.name ?? null,
      reason,
      detail,
    });

  await Promise.all(
    options.connections.list().map(async (connection) => {
      if (!connection.capabilities.includes('users.manage')) return skip(connection, 'no_team_part', null);
      if (connection.email.toLowerCase() === wanted) return skip(connection, 'self', null);
      const managed = options.cache.read(connection.id).accounts.filter((a) => a.role === 'owner' || a.role === 'admin');
      if (managed.length === 0) return;
      let connector: Connector;
      try {
        ({ connector } = await options.connections.connectorFor(connection.id));
      } catch (error) {
        return skip(connection, 'unreachable', sentenceOf(error));
      }
      const team = connector.team;
      if (!team) return skip(connection, 'no_team_part', null);
      await Promise.all(
        managed.map((account) =>
          limiter.run(async () => {
            try {
              const [users, outgoing] = await Promise.all([team.listUsers(account.id), team.listInvitations(account.id)]);
              // A pending invitation is withdrawn too: otherwise the person could still accept it after leaving.
              for (const invitation of outgoing) {
                if (invitation.status !== 'pending' || invitation.email?.toLowerCase() !== wanted) continue;
                const where = { connectionId: connection.id, providerLabel: connection.label, accountId: account.id, accountName: account.name };
                invitations.push({ ...where, invitationId: invitation.id });
              }
              const user = users.find((u) => u.email.toLowerCase() === wanted);
              if (!user) return;
              // The owner's access is handed over (ownership transfer), never removed in bulk.
              if (user.role === 'owner') return skip(connection, 'owner', null, account);
              found.push({
                connectionId: connection.id,
                providerLabel: connection.label,
                accountId: account.id,
                accountName: account.name,
                userId: user.userId,
                role: user.role,
                permissions: user.permissions,
              });
            } catch (error) {
              skip(connection, 'unreachable', sentenceOf(error), account);
            }
          }),
        ),
      );
    }),
  );
  const order = (a: { providerLabel: string; accountName: string | null }, b: { providerLabel: string; accountName: string | null }) =>
    a.providerLabel.localeCompare(b.providerLabel) || (a.accountName ?? '').localeCompare(b.accountName ?? '');
  return { email: wanted, found: found.sort(order), invitations: invitations.sort(order), unsearched: unsearched.sort(order) };
}

function sentenceOf(error: unknown): string {
  return isClientdeckError(error) ? error.message : 'The provider could not be asked.';
}
