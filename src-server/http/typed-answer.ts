import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { JsonText } from '../domain/json-text.js';

/**
 * Sends an answer the domain builds field by field from typed rows (`toContact`), encoded once:
 * the route's zod schema would check, once more, a shape TypeScript already holds it to (`schema`
 * is there for that compile-time check, and for the reader), and on the accounts list that check
 * costs more than reading the page. The JSON text becomes UTF-8 bytes once; those bytes are what
 * the ETag digest reads (`etag.ts`) and what the socket writes, where a string answer was encoded
 * for the digest, measured for Content-Length and encoded again for the socket. Only for answers
 * built as object literals of the schema's type (no row spread into them, so nothing unlisted can
 * leak); the contract test `account-list-order.test.ts` parses these answers with the same schemas.
 */
export function typedAnswer<S extends z.ZodType>(reply: FastifyReply, schema: S, answer: z.output<S>): FastifyReply {
  return textAnswer(reply, schema, JSON.stringify(answer) as JsonText<z.output<S>>);
}

/**
 * Sends an answer the domain wrote as JSON text straight from typed rows (the accounts list and
 * one account: no object per row for `typedAnswer` to serialize), made into bytes once.
 */
export function textAnswer<S extends z.ZodType>(reply: FastifyReply, _schema: S, text: JsonText<z.output<S>>): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(Buffer.from(text));
}
