import swagger, { type SwaggerTransform } from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * Headers an answer may carry, by status, for the document only: a zod object whose keys are
     * the header names. The zod transform keeps a response's body schema and nothing beside it.
     */
    responseHeaders?: Record<number, z.ZodObject>;
  }
}

/**
 * The schemas of the document. The type provider names a schema's input side `<id>Input`, which
 * collides with a shared schema that is itself called `<id>Input` (ContactInput next to Contact):
 * such a schema is listed as `<id>Create` here. Built when the app starts, after every shared
 * schema has registered itself.
 */
function documentRegistry() {
  const registry = z.registry<z.GlobalMeta>();
  const ids = z.globalRegistry._idmap;
  for (const [id, schema] of ids) {
    const clashes = id.endsWith('Input') && ids.has(id.slice(0, -'Input'.length));
    registry.add(schema, { ...z.globalRegistry.get(schema), id: clashes ? `${id.slice(0, -'Input'.length)}Create` : id });
  }
  return registry;
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const registry = documentRegistry();
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Client Area Access API',
        version: '1.0.0',
        description: 'Accounts a login can reach, invitations, users and single sign-on into the panel. Errors are RFC 9457 problem documents.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Access token from POST /api/v1/session' },
          adminKey: { type: 'http', scheme: 'bearer', description: 'The provider admin key (CLIENTAREA_ADMIN_KEY)' },
        },
      },
    },
    transform: withResponseHeaders(createJsonSchemaTransform({ schemaRegistry: registry })),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: registry }),
  });
}

/** Lists each route's `responseHeaders` under its responses, each header with its schema and description. */
function withResponseHeaders(transform: SwaggerTransform): SwaggerTransform {
  return (document) => {
    const { responseHeaders, ...schema } = document.schema ?? {};
    const transformed = transform({ ...document, schema });
    if (!responseHeaders) return transformed;
    const responses = (transformed.schema.response ?? {}) as Record<string, object>;
    for (const [status, headers] of Object.entries(responseHeaders)) {
      const described = Object.fromEntries(
        Object.entries(headers.shape).map(([name, header]) => {
          const { $schema: _dialect, ...json } = z.toJSONSchema(header as z.ZodType, { io: 'output' });
          return [name, json];
        }),
      );
      responses[status] = { ...responses[status], headers: described };
    }
    return { ...transformed, schema: { ...transformed.schema, response: responses } };
  };
}

/** The document itself, served under the API prefix; `swagger()` sees every route of the app. */
export const openApiRoutes: FastifyPluginAsync = async (api) => {
  api.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => reply.type('application/json').send(api.swagger()));
};
