import { z } from 'zod';
import { Id } from './primitives.js';

import { PERMISSIONS, ROLES } from './permission-catalog.js';

// The catalog's values are plain (permission-catalog.ts) so the renderer's first script needs no schema; these are its schemas.
export { effectivePermissions, PERMISSION_PRESETS, PERMISSIONS, ROLES, type PermissionPreset } from './permission-catalog.js';

export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A member's grant may be limited to chosen services or domains; null means the whole account. */
export const Scope = z
  .object({
    services: z.array(Id).max(1000).optional(),
    domains: z.array(z.string().max(253)).max(1000).optional(),
  })
  .strict()
  .nullable()
  .meta({ id: 'Scope' });
export type Scope = z.infer<typeof Scope>;
