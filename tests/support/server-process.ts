import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// Real processes of Punte for the tests that need them (start-up, the data-folder lock, kill -9):
// `api/src/main.ts` or a script run with tsx, with only the machine's basics in the environment, so
// CI's DATABASE_URL never turns an embedded start into a server one.

export type PunteProcess = {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Settles with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
};

/** Runs `script` (a path from the repository root) with tsx and `env` on top of PATH and HOME. */
export function runPunte(script: string, env: Record<string, string>, args: string[] = []): PunteProcess {
  let output = '';
  // `node --import tsx` rather than the tsx CLI, which would run the script in a grandchild: the pid
  // here must be the process that holds the lock and that kill -9 stops.
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(script), ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PUNTE_LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until `check` holds, polling every 100 ms; throws after `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts the server (PORT=0) and returns it with its URL once it logged "Punte is ready". */
export async function startServer(env: Record<string, string>): Promise<PunteProcess & { url: string }> {
  const server = runPunte('api/src/main.ts', { PORT: '0', ...env });
  // Wait for the whole line (its newline), not a chunk that ends mid-line.
  await waitFor(() => /Punte is ready[^\n]*\n/.test(server.output()) || server.child.exitCode !== null, 90_000, 'the server to start');
  const ready = server.output().split('\n').find((line) => line.includes('Punte is ready'));
  if (!ready) throw new Error(`the server did not start:\n${server.output()}`);
  return { ...server, url: (JSON.parse(ready) as { url: string }).url };
}
