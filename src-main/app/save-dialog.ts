import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import type { FileSaver } from '../ipc/handler-deps.js';
import { writeFileAtomic } from '../storage/atomic-file.js';

/**
 * Saves an exported file where the user picks in the system's save dialog (in Documents by
 * default), over the app's window so it reads as the app's question. Written atomically and
 * readable by the user's other programs (a spreadsheet opens it), unlike the app's own files.
 */
export function createSaveDialog(window: () => BrowserWindow | null): FileSaver {
  return {
    async save({ fileName, content }) {
      const options = {
        defaultPath: path.join(app.getPath('documents'), fileName),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      };
      const parent = window();
      const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (canceled || !filePath) return false;
      await writeFileAtomic(filePath, content, { mode: 0o644 });
      return true;
    },
  };
}
