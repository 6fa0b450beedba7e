// Helpers over the generated API types (schema.d.ts, from the server's own OpenAPI document), so hand-written
// code can name "the JSON that route answers" and break at compile time when the server changes it.
import type { paths } from './schema';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The operation of `method` on `path`. */
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body of the 200 answer of `method path`. */
export type JsonResponse<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

/** The JSON request body of `method path`. */
export type JsonRequest<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** An account as GET /v1/auth/me describes it. */
export type ApiUser = JsonResponse<'/v1/auth/me', 'get'>;
