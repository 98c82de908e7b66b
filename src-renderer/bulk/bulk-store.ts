import { create } from 'zustand';
import type { AccessSearch, BulkRun } from '../../src-shared/ipc/channels/bulk.js';
import type { IpcInput } from '../../src-shared/ipc/contract.js';
import { invoke } from '../bridge/invoke.js';
import { firstLoad, latestOnly, notLoaded, runLoad, type Loadable } from '../kit/load-state.js';

interface BulkState extends Loadable {
  /** Every run main keeps, newest first. */
  runs: BulkRun[];
  /** The run on screen; null shows the newest. */
  shownRunId: string | null;
  /** The last offboarding search, until a run starts from it. */
  search: AccessSearch | null;
  load(): Promise<void>;
  show(runId: string): void;
  invite(input: IpcInput<'bulk.invite'>): Promise<BulkRun>;
  findAccess(email: string): Promise<AccessSearch>;
  offboard(input: IpcInput<'bulk.offboard'>): Promise<BulkRun>;
  retry(runId: string): Promise<void>;
  /** The run's summary as CSV, saved by the browser as a download. */
  exportCsv(runId: string): Promise<void>;
}

const nextLoad = latestOnly();

/** Puts a run where the list has it (replacing its older copy), newest first. */
function withRun(runs: readonly BulkRun[], run: BulkRun): BulkRun[] {
  return [run, ...runs.filter((r) => r.id !== run.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export const useBulk = create<BulkState>()((set, get) => ({
  ...notLoaded,
  runs: [],
  shownRunId: null,
  search: null,

  async load() {
    await runLoad(
      { set, get },
      {
        current: nextLoad(),
        begin: firstLoad(get().status, { keepError: true }),
        fetch: () => invoke('bulk.list', {}),
        ready: (runs) => ({ runs }),
      },
    );
  },

  show(runId) {
    set({ shownRunId: runId });
  },

  async invite(input) {
    const run = await invoke('bulk.invite', input);
    set({ runs: withRun(get().runs, run), shownRunId: run.id });
    return run;
  },

  async findAccess(email) {
    set({ search: null });
    const search = await invoke('bulk.findAccess', { email });
    set({ search });
    return search;
  },

  async offboard(input) {
    const run = await invoke('bulk.offboard', input);
    set({ runs: withRun(get().runs, run), shownRunId: run.id, search: null });
    return run;
  },

  async retry(runId) {
    const run = await invoke('bulk.retry', { runId });
    set({ runs: withRun(get().runs, run) });
  },

  async exportCsv(runId) {
    const { fileName, csv } = await invoke('bulk.summaryCsv', { runId });
    // A byte order mark, so spreadsheet programs read the names' accents as UTF-8.
    const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
}));

/** The run on screen: the one the user picked, else the newest. */
export function shownRun(state: Pick<BulkState, 'runs' | 'shownRunId'>): BulkRun | null {
  return state.runs.find((r) => r.id === state.shownRunId) ?? state.runs[0] ?? null;
}
