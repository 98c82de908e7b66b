/** electron-updater's `autoUpdater`, recorded; the test emits what a feed would (update-downloaded...). */
import { record, RecordingEmitter } from './records.js';

class AutoUpdater extends RecordingEmitter {
  channel: string | null = null;
  allowPrerelease = false;
  autoDownload = true;
  autoInstallOnAppQuit = true;
  logger: unknown = null;

  constructor() {
    super('autoUpdater');
  }

  setFeedURL(options: unknown): void {
    record('autoUpdater', 'setFeedURL', options);
  }
  async checkForUpdates(): Promise<null> {
    record('autoUpdater', 'checkForUpdates', { channel: this.channel, allowPrerelease: this.allowPrerelease, autoInstallOnAppQuit: this.autoInstallOnAppQuit });
    return null;
  }
  quitAndInstall(...args: unknown[]): void {
    record('autoUpdater', 'quitAndInstall', ...args);
  }
}

export const autoUpdater = new AutoUpdater();
export default { autoUpdater };
