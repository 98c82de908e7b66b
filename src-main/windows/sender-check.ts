/**
 * Main answers IPC only from the app's own window showing the app's own page: a panel window (no
 * preload, but defence in depth) or a frame that navigated elsewhere is refused.
 */
export interface IpcSender {
  webContentsId: number;
  /** URL of the frame that sent the message; null when the frame is already gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

export function isTrustedSender(sender: IpcSender, appWebContentsId: number | null, appEntryUrl: string): boolean {
  if (appWebContentsId === null || sender.webContentsId !== appWebContentsId) return false;
  if (!sender.isMainFrame || sender.frameUrl === null) return false;
  let url: URL;
  let entry: URL;
  try {
    url = new URL(sender.frameUrl);
    entry = new URL(appEntryUrl);
  } catch {
    return false;
  }
  return url.protocol === entry.protocol && url.host === entry.host && url.pathname === entry.pathname;
}
