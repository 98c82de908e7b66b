import type { FastifyReply } from 'fastify';

/**
 * The serializer of answers the domain builds field by field from typed rows (`toAccount`): the
 * route's zod schema would check, once more, a shape TypeScript already holds it to, and on the
 * accounts list that check costs more than reading the page. Only for answers built as object
 * literals of the schema's type (no row spread into them, so nothing unlisted can leak); the
 * contract test `account-list-order.test.ts` parses these answers with the same schemas.
 */
export function typedAnswer(reply: FastifyReply): FastifyReply {
  // A custom serializer leaves the content type to the route.
  return reply.type('application/json; charset=utf-8').serializer(JSON.stringify);
}
