import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Account, IncomingInvitation } from '../../src-shared/api/schemas.js';

const CachedData = z.object({
  accounts: z.array(Account),
  invitations: z.array(IncomingInvitation),
  syncedAt: z.string().nullable(),
});
export type CachedData = z.infer<typeof CachedData>;

const EMPTY: CachedData = Object.freeze({ accounts: [], invitations: [], syncedAt: null }) as CachedData;

/**
 * The last known accounts and incoming invitations of each connection, one file per connection
 * under `<dataDir>/cache/` (conf: written atomically), so the app opens instantly and offline.
 * Reads are served from memory after the first one.
 */
export class AccountCache {
  readonly #dir: string;
  readonly #memory = new Map<string, CachedData>();

  constructor(dataDir: string, private readonly logger: Logger) {
    this.#dir = path.join(dataDir, 'cache');
  }

  read(connectionId: string): CachedData {
    const known = this.#memory.get(connectionId);
    if (known) return known;
    const data = this.#load(connectionId);
    this.#memory.set(connectionId, data);
    return data;
  }

  write(connectionId: string, data: CachedData): void {
    this.#conf(connectionId).store = data;
    this.#memory.set(connectionId, data);
  }

  remove(connectionId: string): void {
    this.#memory.delete(connectionId);
    fs.rmSync(this.#file(connectionId), { force: true });
  }

  #load(connectionId: string): CachedData {
    if (!fs.existsSync(this.#file(connectionId))) return EMPTY;
    try {
      const parsed = CachedData.safeParse(this.#conf(connectionId).store);
      if (parsed.success) return parsed.data;
      this.logger.warn({ connectionId, issues: parsed.error.issues.slice(0, 3) }, 'cache unreadable; starting empty');
    } catch (error) {
      this.logger.warn({ connectionId, err: error }, 'cache unreadable; starting empty');
    }
    // The next sync rewrites the file; until then the connection simply shows no data.
    return EMPTY;
  }

  #name(connectionId: string): string {
    return encodeURIComponent(connectionId).replace(/\./g, '%2E');
  }

  #file(connectionId: string): string {
    return path.join(this.#dir, `${this.#name(connectionId)}.json`);
  }

  #conf(connectionId: string): Conf<CachedData> {
    return new Conf<CachedData>({
      cwd: this.#dir,
      configName: this.#name(connectionId),
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: true,
      configFileMode: 0o600,
      serialize: (value) => JSON.stringify(value),
    });
  }
}
