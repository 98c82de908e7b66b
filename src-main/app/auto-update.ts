import { dialog } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from 'pino';
import type { UpdateChannel } from '../../src-shared/ipc/channels/settings.js';

const CHECK_EVERY_MS = 4 * 60 * 60_000;

export interface AutoUpdateOptions {
  /** `electron .` from a checkout: nothing to update. */
  development: boolean;
  /** A generic feed (`CLIENTDECK_UPDATE_URL`); packaged builds may carry their own `app-update.yml` instead. */
  feedUrl: string | null;
  packagedFeed: boolean;
  channel: UpdateChannel;
  /** Resolves once no queued answer is on its way: a restart never cuts one off. */
  whenQuiet(): Promise<void>;
  logger: Logger;
}

export interface AutoUpdate {
  setChannel(channel: UpdateChannel): void;
  stop(): void;
}

/**
 * electron-updater on the chosen channel (beta also takes pre-releases). Updates download in the
 * background; once one is ready the user is asked "restart to update", and the restart waits for
 * the answers being sent. Nothing restarts by itself. Off in development and without a feed.
 */
export function startAutoUpdate(options: AutoUpdateOptions): AutoUpdate | null {
  const { logger } = options;
  if (options.development || (!options.feedUrl && !options.packagedFeed)) {
    logger.info({ development: options.development }, 'auto-update off');
    return null;
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = logger.child({ module: 'update' });
  autoUpdater.autoDownload = true;
  const useChannel = (channel: UpdateChannel) => {
    autoUpdater.channel = channel === 'beta' ? 'beta' : 'latest';
    autoUpdater.allowPrerelease = channel === 'beta';
  };
  if (options.feedUrl) autoUpdater.setFeedURL({ provider: 'generic', url: options.feedUrl });
  useChannel(options.channel);

  let asking = false;
  const onDownloaded = async (info: { version: string }) => {
    if (asking) return;
    asking = true;
    try {
      const { response } = await dialog.showMessageBox({
        type: 'info',
        buttons: ['Restart to update', 'Later'],
        defaultId: 0,
        cancelId: 1,
        message: `Clientdeck ${info.version} is ready to install`,
        detail: 'Restart now to use it, or later: it is installed the next time you quit Clientdeck.',
      });
      if (response !== 0) return;
      await options.whenQuiet();
      autoUpdater.quitAndInstall();
    } finally {
      asking = false;
    }
  };
  const onError = (error: Error) => logger.warn({ err: error }, 'update check failed');
  autoUpdater.on('update-downloaded', onDownloaded);
  autoUpdater.on('error', onError);

  const check = () => void autoUpdater.checkForUpdates().catch(onError);
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();

  return {
    setChannel(channel) {
      useChannel(channel);
      check();
    },
    stop() {
      clearInterval(timer);
      autoUpdater.off('update-downloaded', onDownloaded);
      autoUpdater.off('error', onError);
    },
  };
}
