import { useTranslation } from 'react-i18next';
import { providerName } from '../connections/connection-name.js';
import { useConnections } from '../connections/connections-store.js';

/** The provider of an invitation as the app names it (the demo's in the user's language). */
export function useProviderName(row: { connectionId: string; providerLabel: string }): string {
  const { t } = useTranslation();
  const connections = useConnections((s) => s.connections);
  return providerName(row, connections, t);
}
