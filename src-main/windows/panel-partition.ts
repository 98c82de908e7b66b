import { createHash } from 'node:crypto';

const MAX_ENCODED = 180;

/**
 * Encodes an id into partition-safe characters. The mapping is injective (`_` itself is escaped),
 * so two different accounts can never share a partition and thus cookies.
 */
function encodeSegment(id: string): string {
  let out = '';
  for (const byte of Buffer.from(id, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9-]/.test(ch) ? ch : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/**
 * The persistent session partition of one account's panel: `persist:panel:<connection>:<account>`.
 * Electron turns it into a folder name, so overly long ids fall back to a hash of both.
 */
export function panelPartition(connectionId: string, accountId: string): string {
  const encoded = `${encodeSegment(connectionId)}:${encodeSegment(accountId)}`;
  if (encoded.length <= MAX_ENCODED) return `persist:panel:${encoded}`;
  const digest = createHash('sha256').update(connectionId).update('\u0000').update(accountId).digest('hex');
  return `persist:panel:h-${digest}`;
}
