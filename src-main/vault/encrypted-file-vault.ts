import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ClientdeckError } from '../errors.js';
import { writeFileAtomic } from '../storage/atomic-file.js';
import type { Vault } from './vault.js';

/** Encrypts with a key the OS holds (Electron safeStorage in the shell). */
export interface SecretCipher {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
}

/**
 * Secrets as encrypted blobs, one file per connection in `<dataDir>/credentials/` (folder 0700,
 * files 0600, written atomically). Only ciphertext touches the disk; the file name is a hash of
 * the connection id, so not even the id is readable from the folder.
 */
export class EncryptedFileVault implements Vault {
  constructor(
    private readonly dir: string,
    private readonly cipher: SecretCipher,
  ) {}

  async set(connectionId: string, secret: string): Promise<void> {
    const data = await this.cipher.encrypt(secret);
    if (data.includes(Buffer.from(secret, 'utf8'))) {
      throw new ClientdeckError('keychain_unavailable', 'The encryption of this computer did not protect the sign-in, so Clientdeck did not store it.');
    }
    await writeFileAtomic(this.#file(connectionId), data);
  }

  async get(connectionId: string): Promise<string | null> {
    let data: Buffer;
    try {
      data = await fs.readFile(this.#file(connectionId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return await this.cipher.decrypt(data);
    } catch {
      throw new ClientdeckError('needs_sign_in', 'The stored sign-in can no longer be decrypted (the system key changed). Sign in to this provider again.');
    }
  }

  async delete(connectionId: string): Promise<void> {
    await fs.rm(this.#file(connectionId), { force: true });
  }

  #file(connectionId: string): string {
    const name = createHash('sha256').update(connectionId, 'utf8').digest('hex');
    return path.join(this.dir, `${name}.bin`);
  }
}
