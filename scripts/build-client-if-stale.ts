import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../api/src/paths';

const clientDir = path.join(ROOT_DIR, 'client');
const builtIndex = path.join(clientDir, 'dist', 'index.html');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds client/dist when it is missing or older than any client source; returns true when it built. */
export async function buildClientIfStale(): Promise<boolean> {
  const builtTime = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  if (builtTime >= newestSourceTime(clientDir)) return false;
  console.log('Building the client (client/dist)…');
  // Vite is loaded only when a build is due: importing it costs seconds on every restart.
  const { build } = await import('vite');
  await build({ configFile: path.join(clientDir, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
