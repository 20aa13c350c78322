import type { Request } from 'express';

/** Who does a write, as the audit log and the db modules record it. */
export type RequestActor = { id: number; username: string; requestId: string };

/** Returns the actor of a signed-in request (call it behind requireSession or requirePermission). */
export function actorOf(req: Request): RequestActor {
  const user = req.user as NonNullable<Request['user']>;
  return { id: user.id, username: user.username, requestId: req.id };
}
