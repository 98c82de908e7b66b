import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ClientAreaError } from '../domain/errors.js';

export type FormFields = Record<string, string>;

const FORM_LIMIT_BYTES = 64 * 1024;
const FIELD_LIMIT = 50;

/**
 * Panel forms post `application/x-www-form-urlencoded` (no script, so no JSON). Registered inside
 * the panel plugin only: the API keeps accepting JSON alone.
 */
export function installFormParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_request, body, done) => {
    const fields: FormFields = Object.create(null) as FormFields;
    let count = 0;
    for (const [name, value] of new URLSearchParams(body as string)) {
      if (++count > FIELD_LIMIT || name in fields) {
        done(new ClientAreaError('validation_failed', 400, 'The form was sent with repeated or too many fields. Reload the page and try again.'), undefined);
        return;
      }
      fields[name] = value;
    }
    done(null, fields);
  });
}

/** The posted fields, or an empty set when the request carried no form. */
export function formOf(request: FastifyRequest): FormFields {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return Object.create(null) as FormFields;
  const out = Object.create(null) as FormFields;
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}
