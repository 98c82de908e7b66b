/** How the stand-in's route files plug in: a session, the parsed form, and a small route table. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StandInState } from './state.js';

export interface StandInSession {
  id: string;
  token: string;
  userId: number | null;
  /** Set between a correct password and a correct second factor. */
  pendingUserId: number | null;
  pendingRemember: boolean;
  clientId: number | null;
}

export type FormBody = URLSearchParams;

export interface RouteContext {
  state: StandInState;
  session: StandInSession;
  form: FormBody;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type RouteHandler = (context: RouteContext) => string | Promise<string> | void;

export interface StandInRoutes {
  get(path: RegExp | string, handler: RouteHandler): void;
  post(path: RegExp | string, handler: RouteHandler): void;
}

/** Signed-in pages send an anonymous visitor to the login page, as WHMCS does. */
export function requireUser(context: RouteContext): number | null {
  if (context.session.userId !== null) return context.session.userId;
  void context.reply.redirect('index.php?rp=/login');
  return null;
}
