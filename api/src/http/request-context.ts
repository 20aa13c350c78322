import type { User } from '../db/users';

// What the middlewares attach to every request: its id (also in logs and problem bodies) and,
// once the session middleware ran, the signed-in user.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      user?: User;
    }
  }
}

export {};
