/**
 * The load block of the stores and the busy/error block of the forms each live once, in the kit
 * (docs/ARCHITECTURE.md §4): a store that writes its load steps by hand, or a form that keeps its
 * own busy flag around a call to main, is the copy this test keeps from coming back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sourceFiles } from './import-graph.js';

const RENDERER = 'src-renderer';
const text = (file: string) => readFileSync(path.join(root, file), 'utf8');
const renderer = () => sourceFiles(RENDERER);

/** accounts-store adopts runLoad once its delta rewrite lands; until then it may keep its own steps. */
const HAND_LOADED = [path.join(RENDERER, 'accounts', 'accounts-store.ts')];

describe('the kit pieces stores and forms share', () => {
  it('every store that loads a list with a status does it through runLoad', () => {
    const stores = renderer().filter((file) => /status: LoadStatus|extends Loadable/.test(text(file)) && !file.startsWith(path.join(RENDERER, 'kit')));
    expect(stores.length).toBeGreaterThanOrEqual(7);
    const byHand = stores.filter((file) => !HAND_LOADED.includes(file) && !/\brunLoad\(/.test(text(file)));
    expect(byHand).toEqual([]);
  });

  it("no store but the kit's works out ready-or-error after a failed load by itself", () => {
    const copies = renderer().filter(
      (file) => !file.startsWith(path.join(RENDERER, 'kit')) && !HAND_LOADED.includes(file) && /status: get\(\)\.(status === 'ready'|team)/.test(text(file)),
    );
    expect(copies).toEqual([]);
  });

  it('no form or dialog keeps its own busy flag and error line: they come from useSubmit', () => {
    const forms = renderer().filter((file) => file.endsWith('.tsx'));
    expect(forms.length).toBeGreaterThan(10);
    const copies = forms.filter((file) => /\[busy, setBusy\] = useState\(false\)/.test(text(file)));
    expect(copies).toEqual([]);
    const users = forms.filter((file) => /\buseSubmit\(/.test(text(file)));
    expect(users.length).toBeGreaterThanOrEqual(9);
  });
});
