// One API route as data: method, path, the zod schemas of its query, body and response, and its
// handler. The same table registers the Hono routes and writes the OpenAPI document.
import type { z } from 'zod';
import type { ApiToken } from '../../store/types.ts';
import type { WebDeps } from '../deps.ts';

export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface RouteInput<Q, B> {
  d: WebDeps;
  token: ApiToken;
  params: Record<string, string>;
  query: Q;
  body: B;
}

export interface ApiRoute<Q = unknown, B = unknown, R = unknown> {
  method: Method;
  /** OpenAPI form: `/lists/{list}/members/{address}`. */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Null for 204 No Content. */
  response: z.ZodType<R> | null;
  status: 200 | 201 | 204;
  /** Needs a site-wide token (not one limited to a list). */
  siteOnly?: boolean;
  handler(input: RouteInput<Q, B>): Promise<R | null>;
}

/** Keeps each route's types together while the table holds them all. */
export const route = <Q, B, R>(r: ApiRoute<Q, B, R>): ApiRoute => r as unknown as ApiRoute;
