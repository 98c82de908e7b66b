import os from 'node:os';
import path from 'node:path';

/** `CLIENTDECK_DATA_DIR` wins; otherwise the same folder Electron's `userData` resolves to on Linux. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const fromEnv = env.CLIENTDECK_DATA_DIR?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(home, '.config', 'Clientdeck');
}
