import path from 'node:path';
import Conf from 'conf';
import type { Logger } from 'pino';
import { moveAside } from './corrupt-file.js';

/**
 * A conf file (electron-store's format, written atomically) in the data dir, mode 0600. A file
 * that cannot be read is moved aside (`<name>.json.corrupt-<time>`, storage/corrupt-file.ts) and
 * the app starts with the defaults instead of not at all; `onMovedAside` hears where it went, so
 * the user can be told rather than only the log.
 */
export function openConf<T extends Record<string, unknown>>(
  dataDir: string,
  name: string,
  defaults: T,
  logger: Logger,
  onMovedAside?: (aside: string) => void,
): Conf<T> {
  const options = {
    cwd: dataDir,
    configName: name,
    defaults,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  };
  try {
    return new Conf<T>(options);
  } catch (error) {
    const aside = moveAside(path.join(dataDir, `${name}.json`));
    logger.error({ err: error, aside }, `${name} file unreadable; moved aside`);
    onMovedAside?.(aside);
    return new Conf<T>(options);
  }
}
