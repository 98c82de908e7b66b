import { describe, expect, it } from 'vitest';
import { IpcCallError } from '../../../src-renderer/bridge/invoke.js';
import { runSubmit } from '../../../src-renderer/kit/use-submit.js';

/** The busy flag and error line as a form would hold them, with every write in order. */
function formState() {
  const state = { busy: false, error: null as string | null, writes: [] as string[] };
  return {
    state,
    setters: {
      setBusy(busy: boolean) {
        state.busy = busy;
        state.writes.push(`busy=${busy}`);
      },
      setError(error: string | null) {
        state.error = error;
        state.writes.push(`error=${error}`);
      },
    },
  };
}

describe('runSubmit (the core of useSubmit)', () => {
  it('clears the last error and shows busy while the action runs, then frees the button', async () => {
    const { state, setters } = formState();
    state.error = 'The last refusal.';
    let seenWhileRunning: { busy: boolean; error: string | null } | null = null;
    await runSubmit(async () => {
      seenWhileRunning = { busy: state.busy, error: state.error };
    }, setters);
    expect(seenWhileRunning).toEqual({ busy: true, error: null });
    expect(state).toMatchObject({ busy: false, error: null });
    expect(state.writes).toEqual(['busy=true', 'error=null', 'busy=false']);
  });

  it("reports a refusal's sentence and frees the button", async () => {
    const { state, setters } = formState();
    await runSubmit(() => Promise.reject(new IpcCallError('forbidden', 'You may not invite people to this account.')), setters);
    expect(state).toMatchObject({ busy: false, error: 'You may not invite people to this account.' });
    expect(state.writes).toEqual(['busy=true', 'error=null', 'error=You may not invite people to this account.', 'busy=false']);
  });

  it("keeps a refusal's code, so a form can offer Request access after forbidden, and forgets it on the next try", async () => {
    const codes: (string | null)[] = [];
    const { setters } = formState();
    const withCode = { ...setters, setErrorCode: (code: string | null) => codes.push(code) };
    await runSubmit(() => Promise.reject(new IpcCallError('forbidden', 'You have no permission to manage its users on this account.')), withCode);
    await runSubmit(() => Promise.reject(new Error('Plain failure.')), withCode);
    await runSubmit(async () => {}, withCode);
    expect(codes).toEqual([null, 'forbidden', null, null, null]);
  });

  it('keeps the button busy after a success when the dialog goes away', async () => {
    const { state, setters } = formState();
    await runSubmit(async () => {}, setters, { staysBusyOnSuccess: true });
    expect(state).toMatchObject({ busy: true, error: null });
  });

  it('frees the button of such a dialog when the action is refused, so it can be tried again', async () => {
    const { state, setters } = formState();
    await runSubmit(() => Promise.reject(new Error('The account is gone.')), setters, { staysBusyOnSuccess: true });
    expect(state).toMatchObject({ busy: false, error: 'The account is gone.' });
  });

  it('leaves the last refusal in view during a retry when the dialog asks to, and replaces it with the answer', async () => {
    const { state, setters } = formState();
    state.error = 'Locked.';
    let seenWhileRunning: string | null = null;
    await runSubmit(
      () => {
        seenWhileRunning = state.error;
        return Promise.reject(new Error('Still locked.'));
      },
      setters,
      { staysBusyOnSuccess: true, keepsErrorWhileBusy: true },
    );
    expect(seenWhileRunning).toBe('Locked.');
    expect(state).toMatchObject({ busy: false, error: 'Still locked.' });
    expect(state.writes).toEqual(['busy=true', 'error=Still locked.', 'busy=false']);
  });

  it('puts the words the form chose around the sentence', async () => {
    const { state, setters } = formState();
    await runSubmit(() => Promise.reject(new Error('Locked.')), setters, { describeError: (sentence) => `Could not remove Acme: ${sentence}` });
    expect(state.error).toBe('Could not remove Acme: Locked.');
  });

  it('treats a throw in the success step like a refusal, as the forms always did', async () => {
    const { state, setters } = formState();
    await runSubmit(async () => {
      throw new Error('Navigation failed.');
    }, setters);
    expect(state).toMatchObject({ busy: false, error: 'Navigation failed.' });
  });
});
