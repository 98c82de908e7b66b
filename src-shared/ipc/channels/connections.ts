/** Connections: a sign-in at one provider, through the connector of its kind. */
import { z } from 'zod';
import { Capability, ConnectorKind } from '../../api/connectors.js';
import { Id, Password } from '../../api/primitives.js';
import { NoInput } from '../request-parts.js';

export { DEMO_LABEL } from '../demo-connection.js';

export const Connection = z.object({
  id: Id,
  label: z.string(),
  baseUrl: z.string(),
  kind: ConnectorKind,
  email: z.string(),
  isDemo: z.boolean(),
  capabilities: z.array(Capability),
  createdAt: z.string(),
});
export type Connection = z.infer<typeof Connection>;

/** A code from the authenticator app (six to eight digits), or one of the login's backup codes (`xxxxx-xxxxx`). */
const SecondFactorCode = z
  .string()
  .trim()
  .regex(/^([0-9]{6,8}|[A-Za-z0-9]{5}[\s-]?[A-Za-z0-9]{5})$/);

export const AddConnectionInput = z
  .object({
    baseUrl: z.string().trim().min(1).max(2048),
    email: z.string().trim().min(1).max(254),
    password: Password,
    label: z.string().trim().max(100).optional(),
    /** Which connector speaks to the provider; `clientarea` when left out. */
    kind: ConnectorKind.optional(),
    /** A two-factor code, for a login whose provider asks for one (WHMCS). */
    code: SecondFactorCode.optional(),
    /**
     * A WHMCS installation's API access key (`$api_access_key`), for a `whmcs-admin` connection
     * whose installation only lets listed IPs call the API otherwise.
     */
    accessKey: z.string().trim().min(1).max(1024).optional(),
  })
  .strict();
export type AddConnectionInput = z.infer<typeof AddConnectionInput>;

export const connectionsChannels = {
  'connections.list': { input: NoInput, output: z.array(Connection) },
  'connections.add': { input: AddConnectionInput, output: Connection },
  /** Starts the embedded reference client area (if needed) and signs in with its demo agency login. */
  'connections.addDemo': { input: NoInput, output: Connection },
  'connections.rename': {
    input: z.object({ connectionId: Id, label: z.string().trim().min(1).max(100) }).strict(),
    output: Connection,
  },
  /** Signs in again with a new password after the provider refused the stored credentials. */
  'connections.reauthenticate': {
    input: z.object({ connectionId: Id, password: Password, code: SecondFactorCode.optional() }).strict(),
    output: Connection,
  },
  'connections.remove': { input: z.object({ connectionId: Id }).strict(), output: z.object({ removed: z.literal(true) }) },
} as const;
