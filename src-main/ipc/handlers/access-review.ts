import type { accessReviewChannels } from '../../../src-shared/ipc/channels/access-review.js';
import { ClientdeckError } from '../../errors.js';
import type { IpcHandlers } from '../dispatcher.js';
import type { HandlerDeps } from '../handler-deps.js';

/** The access review across every connection (`src-main/access-review/`), and saving its CSV. */
export function createAccessReviewHandlers(deps: Pick<HandlerDeps, 'accessReview' | 'fileSaver'>): Pick<IpcHandlers, keyof typeof accessReviewChannels> {
  return {
    'accessReview.get': ({ refresh }) => deps.accessReview.get({ refresh }),
    'accessReview.saveCsv': async ({ fileName, csv }) => {
      if (!deps.fileSaver) throw new ClientdeckError('not_supported', 'This window cannot open a save dialog; the browser downloads the file instead.');
      return { saved: await deps.fileSaver.save({ fileName, content: csv, kind: 'csv' }) };
    },
  };
}
