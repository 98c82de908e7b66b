import { z } from 'zod';

/**
 * What the vault holds for a `whmcs-admin` connection: the API identifier and secret, and the
 * installation's access key where it set one. The identifier is kept here too because WHMCS
 * compares it case-sensitively and the connection list keeps its login lower-cased.
 */
export const AdminCredential = z.object({
  identifier: z.string().min(1).max(256),
  secret: z.string().min(1).max(1024),
  accessKey: z.string().min(1).max(1024).optional(),
});
export type AdminCredential = z.infer<typeof AdminCredential>;

/**
 * The `password` a sign-in is given: the API secret alone, or the secret and the access key as
 * `joinSecretAndAccessKey` writes them (the sign-in form has one secret field per connection kind).
 */
const SecretWithAccessKey = z.object({ secret: z.string().min(1), accessKey: z.string().min(1) }).strict();

export function joinSecretAndAccessKey(secret: string, accessKey?: string): string {
  return accessKey ? JSON.stringify({ secret, accessKey }) : secret;
}

export function splitSecretAndAccessKey(password: string): { secret: string; accessKey?: string } {
  // WHMCS secrets and access keys never contain braces or quotes, so a JSON object is unambiguous.
  if (password.startsWith('{')) {
    try {
      const parsed = SecretWithAccessKey.safeParse(JSON.parse(password));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON after all: a secret that happens to start with a brace.
    }
  }
  return { secret: password };
}

export function encodeCredential(credential: AdminCredential): string {
  return JSON.stringify(credential);
}

/** The stored credential, or null when the vault holds nothing usable (sign in again). */
export function decodeCredential(stored: string | null): AdminCredential | null {
  if (!stored) return null;
  try {
    const parsed = AdminCredential.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
