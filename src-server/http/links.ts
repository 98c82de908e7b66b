import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ClientAreaContext } from '../domain/context.js';
import { Id } from '../../src-shared/api/primitives.js';
import { loopbackUrlOf } from './public-origin.js';

/**
 * Base of the links put in mails and answers: the configured public URL, else the loopback URL the
 * server listens on. Never the request's Host header: a forged one would send a victim's
 * one-time token to the attacker's site.
 */
export function baseUrlOf(ctx: ClientAreaContext, request: FastifyRequest): string {
  return ctx.publicUrl ?? loopbackUrlOf(request.server);
}

/** Path parameters of the nested resources (same id rule as the shared `IdParams`). */
export const InvitationParams = z.object({ id: Id, invId: Id }).strict();
export const UserParams = z.object({ id: Id, userId: Id }).strict();
export const ContactParams = z.object({ id: Id, contactId: Id }).strict();
export const ServiceParams = z.object({ id: Id, serviceId: Id }).strict();
export const DomainParams = z.object({ id: Id, domainId: Id }).strict();
