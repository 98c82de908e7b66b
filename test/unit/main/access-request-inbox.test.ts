import { describe, expect, it } from 'vitest';
import type { AccessRequest } from '../../../src-shared/api/access-requests.js';
import type { Capability } from '../../../src-shared/api/connectors.js';
import type { IpcEvent, IpcEventPayload } from '../../../src-shared/ipc/events.js';
import { AccessRequestInbox } from '../../../src-main/access-requests/request-inbox.js';
import type { Connections } from '../../../src-main/connections/connections.js';
import { EventHub } from '../../../src-main/events.js';
import { silentLogger } from '../../../src-main/logging.js';
import { SAMPLES } from './fixtures/channel-samples.js';

const base = SAMPLES['accessRequests.mine'].output[0]!;
const request = (id: string, name: string, accountId: string | null = null): AccessRequest => ({
  ...base,
  id,
  accountId,
  accountName: accountId ? 'Bellini Ristorante' : null,
  requester: { ...base.requester, name },
});

function setup(capabilities: Capability[], answers: AccessRequest[][]) {
  const connection = { ...SAMPLES['connections.list'].output[0]!, label: 'Bellini owner', capabilities };
  let fetches = 0;
  const connector = { accessRequests: { listToAnswer: async () => answers[Math.min(fetches++, answers.length - 1)]! } };
  const connections = { get: () => connection, list: () => [connection], connectorFor: async () => ({ connector }) } as unknown as Connections;
  const events = new EventHub();
  const heard: { event: IpcEvent; payload: unknown }[] = [];
  events.on(<E extends IpcEvent>(event: E, payload: IpcEventPayload<E>) => heard.push({ event, payload }));
  const inbox = new AccessRequestInbox({ connections, events, logger: silentLogger() });
  return { inbox, heard, notifications: () => heard.filter((h) => h.event === 'notification').map((h) => h.payload), fetches: () => fetches };
}

describe('the access-request inbox', () => {
  it('announces only requests that are new since the last sync, never on the first', async () => {
    const first = [request('arq_1', 'Wanda')];
    const second = [request('arq_1', 'Wanda'), request('arq_2', 'Marco', 'acc_1')];
    const { inbox, notifications } = setup(['accounts.list', 'access_requests'], [first, second, second]);
    await inbox.synced('c1');
    expect(notifications()).toEqual([]);
    expect(inbox.incoming().map((i) => i.request.id)).toEqual(['arq_1']);
    await inbox.synced('c1');
    expect(notifications()).toEqual([
      {
        id: 'access-request:c1:arq_2',
        title: 'Marco asks for access',
        body: 'Marco asks for more permissions on Bellini Ristorante at Bellini owner.',
        navigate: { view: 'account', connectionId: 'c1', accountId: 'acc_1' },
      },
    ]);
    await inbox.synced('c1');
    expect(notifications()).toHaveLength(1);
  });

  it('an answer given in the app leaves the list at once; a forgotten connection lists nothing', async () => {
    const { inbox } = setup(['accounts.list', 'access_requests'], [[request('arq_1', 'Wanda'), request('arq_2', 'Marco')]]);
    await inbox.synced('c1');
    inbox.answered('c1', 'arq_1');
    expect(inbox.incoming().map((i) => i.request.id)).toEqual(['arq_2']);
    inbox.forget('c1');
    expect(inbox.incoming()).toEqual([]);
  });

  it('a connection without the capability (WHMCS) is never asked', async () => {
    const { inbox, fetches } = setup(['accounts.list'], [[request('arq_1', 'Wanda')]]);
    await inbox.synced('c1');
    expect(fetches()).toBe(0);
    expect(inbox.incoming()).toEqual([]);
  });
});
