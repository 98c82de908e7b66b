import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { DEMO_LABEL } from '../../../src-shared/ipc/channels/connections.js';
import { connectionName, providerName } from '../../../src-renderer/connections/connection-name.js';

const t = ((key: string) => (key === 'connections.demoName' ? 'Provider demo' : key)) as unknown as TFunction;
const demo = { id: 'c1', label: DEMO_LABEL, isDemo: true };
const renamed = { id: 'c1', label: 'Sandbox', isDemo: true };
const real = { id: 'c2', label: DEMO_LABEL, isDemo: false };

describe('connectionName', () => {
  it('translates the demo connection while it keeps the label main gave it', () => {
    expect(connectionName(demo, t)).toBe('Provider demo');
  });
  it('shows a renamed demo, and any other connection, as the user named it', () => {
    expect(connectionName(renamed, t)).toBe('Sandbox');
    expect(connectionName(real, t)).toBe(DEMO_LABEL);
  });
});

describe('providerName', () => {
  it("names a row by its connection's shown name", () => {
    expect(providerName({ connectionId: 'c1', providerLabel: DEMO_LABEL }, [demo, real], t)).toBe('Provider demo');
    expect(providerName({ connectionId: 'c2', providerLabel: DEMO_LABEL }, [demo, real], t)).toBe(DEMO_LABEL);
  });
  it("keeps the row's own label when its connection is unknown or labelled otherwise", () => {
    expect(providerName({ connectionId: 'c9', providerLabel: DEMO_LABEL }, [demo], t)).toBe(DEMO_LABEL);
    expect(providerName({ connectionId: 'c1', providerLabel: 'Old name' }, [demo], t)).toBe('Old name');
  });
});
