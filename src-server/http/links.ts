import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ClientAreaContext } from '../domain/context.js';
import { Id } from '../../src-shared/api/primitives.js';

/** Base of the links put in mails and answers: the configured public URL, else this request's origin. */
export function baseUrlOf(ctx: ClientAreaContext, request: FastifyRequest): string {
  return (ctx.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

/** Path parameters of the nested resources (same id rule as the shared `IdParams`). */
export const InvitationParams = z.object({ id: Id, invId: Id }).strict();
export const UserParams = z.object({ id: Id, userId: Id }).strict();
export const ContactParams = z.object({ id: Id, contactId: Id }).strict();
export const ServiceParams = z.object({ id: Id, serviceId: Id }).strict();
export const DomainParams = z.object({ id: Id, domainId: Id }).strict();
