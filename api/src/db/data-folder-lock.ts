import fs from 'node:fs';
import path from 'node:path';

// Issue 10: PGlite allows one process per data folder; two processes on one folder corrupt it
// (lost rows, duplicate audit ids, a folder that no longer opens). Every command that opens the
// embedded database takes this lock first. The lock is a file created with O_EXCL, holding the
// owner's pid, the start time of that pid (so a reused pid is not mistaken for the owner), the
// command and, once the server listens, its port. A lock whose owner is dead is stale and taken over.

/** What the lock file says about the process that holds the folder. */
export type LockOwner = {
  pid: number;
  /** Start time of the pid in clock ticks since boot (Linux /proc), to tell a reused pid apart. */
  pidStart?: string;
  command: string;
  startedAt: string;
  port?: number;
};

/** Thrown when another live process holds the data folder; its message says who and what to do. */
export class DataFolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(lockedMessage(dataDir, owner));
  }
}

export type DataFolderLock = {
  file: string;
  /** Records the port the server listens on, so a second command can say where to go. */
  setPort(port: number): void;
  /** Removes the lock file if it is still ours. */
  release(): void;
};

const LOCK_NAME = 'punte.lock';

function lockedMessage(dataDir: string, owner: LockOwner): string {
  const where = owner.port ? `pid ${owner.pid}, port ${owner.port}` : `pid ${owner.pid}`;
  const who = owner.command === 'server' ? 'Punte is running' : `Another Punte command (${owner.command}) is running`;
  const url = owner.port ? `http://127.0.0.1:${owner.port}` : 'URL';
  return (
    `${who} on this data folder (${where}): ${dataDir}\n` +
    `  Stop it first, or use the running app instead: the import dialog in the browser, or ` +
    `\`npm run import -- --server ${url} …\` / \`npm run export -- --server ${url} …\`.\n` +
    `  Two processes on one embedded data folder corrupt it, so this one stops here.`
  );
}

/** Returns the start time of `pid` from /proc, or undefined where /proc is missing (not Linux). */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); fields after the parenthesised command name, which may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Returns true when the process that wrote `owner` is still alive (and is the same process). */
export function isOwnerAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.pidStart === undefined) return true;
  const start = processStart(owner.pid);
  return start === undefined || start === owner.pidStart;
}

/** Returns the owner written in the lock file of `dataDir`, or undefined when there is none or it is unreadable. */
export function readLockOwner(dataDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_NAME), 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function writeOwner(file: string, owner: LockOwner): void {
  // Write then rename: a reader never sees half a file, and the lock never disappears meanwhile.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(owner)}\n`);
  fs.renameSync(temporary, file);
}

/**
 * Takes the exclusive lock of `dataDir` for `command` and returns it; a stale lock (dead owner) is taken
 * over. Throws a DataFolderLockedError when a live process holds it (this process included: one open
 * database per folder).
 */
export function lockDataFolder(dataDir: string, command: string): DataFolderLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_NAME);
  const owner: LockOwner = { pid: process.pid, pidStart: processStart(process.pid), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
      fs.closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      const current = readLockOwner(dataDir);
      if (current && isOwnerAlive(current)) throw new DataFolderLockedError(dataDir, current);
      // Stale (or a half-written file of a process that died while creating it): take it over,
      // but only if it is still the file we judged, so two processes taking over cannot both win.
      const again = readLockOwner(dataDir);
      if (JSON.stringify(again) !== JSON.stringify(current)) continue;
      fs.rmSync(file, { force: true });
    }
  }
  let released = false;
  return {
    file,
    setPort(port) {
      if (released) return;
      owner.port = port;
      writeOwner(file, owner);
    },
    release() {
      if (released) return;
      released = true;
      const current = readLockOwner(dataDir);
      if (current?.pid === process.pid) fs.rmSync(file, { force: true });
    },
  };
}
