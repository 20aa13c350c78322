// Issue 10: while `npm start` holds an embedded data folder, import and export go through the running
// server's API instead of opening the folder a second time. This signs in like the browser does.

export type ServerSession = {
  /** Sends a request to the server with the session cookie and returns the response. */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
};

async function readPassword(username: string): Promise<string> {
  if (process.env.PUNTE_PASSWORD) return process.env.PUNTE_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('Set PUNTE_PASSWORD to the password of --user (standard input is not a terminal).');
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`Password of ${username}: `);
  rl.close();
  return answer;
}

/** Returns the text of a problem+json answer ("title: detail"), or the status line. */
export async function describeFailure(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string; errors?: { pointer: string; detail: string }[] };
    const lines = [`${response.status} ${problem.title ?? ''}: ${problem.detail ?? ''}`];
    for (const item of problem.errors ?? []) lines.push(`  ${item.pointer}: ${item.detail}`);
    return lines.join('\n');
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

/** Signs in to the Punte server at `baseUrl` as `username` (password from PUNTE_PASSWORD or a prompt). */
export async function openServerSession(baseUrl: string, username: string | undefined): Promise<ServerSession> {
  if (!username) throw new Error('--server needs --user USERNAME (a planner or admin of that server).');
  const base = baseUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username, password: await readPassword(username) }),
  });
  if (!login.ok) throw new Error(`Sign-in to ${base} failed: ${await describeFailure(login)}`);
  const cookie = (login.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  const request = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie, origin } });
  return {
    request,
    close: async () => {
      await request('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    },
  };
}
