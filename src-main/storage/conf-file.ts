import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { Logger } from 'pino';

/**
 * A conf file (electron-store's format, written atomically) in the data dir, mode 0600. A file
 * that cannot be read is moved aside for inspection and the app starts with the defaults instead
 * of not at all.
 */
export function openConf<T extends Record<string, unknown>>(dataDir: string, name: string, defaults: T, logger: Logger): Conf<T> {
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
    const file = path.join(dataDir, `${name}.json`);
    const aside = `${file}.damaged-${Date.now()}`;
    logger.error({ err: error, aside }, `${name} file unreadable; moved aside`);
    fs.renameSync(file, aside);
    return new Conf<T>(options);
  }
}
