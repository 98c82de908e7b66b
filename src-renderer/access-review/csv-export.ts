import { invoke } from '../bridge/invoke.js';
import { inDesktopShell } from '../bridge/get-bridge.js';

/**
 * Saves the CSV where the user chooses: the shell's save dialog through main, or in web mode a
 * download the browser asks about (web mode's main has no dialog, and the file never travels to it).
 * False when the user cancelled the dialog.
 */
export async function saveCsv(csv: string, fileName: string): Promise<boolean> {
  // A byte-order mark, so spreadsheet programs read the accents in names as UTF-8.
  const content = `\ufeff${csv}`;
  if (inDesktopShell()) return (await invoke('accessReview.saveCsv', { fileName, csv: content })).saved;
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.click();
  } finally {
    // After the click has handed the file to the browser's download.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return true;
}
