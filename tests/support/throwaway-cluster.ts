import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

// A PostgreSQL cluster of its own for a fault test (issue 10): created with Debian's postgresql-common
// beside the machine's main cluster, stopped and started at will, dropped at the end, so stopping it
// never disturbs the other test files that share the main server.

export type ThrowawayCluster = {
  /** postgres://… of the database `punte` in the cluster. */
  url: string;
  stop(): void;
  start(): void;
  /** SIGSTOP / SIGCONT to every process of the cluster: a database that hangs instead of refusing. */
  freeze(): void;
  thaw(): void;
  drop(): void;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Creates, starts and returns a new cluster with an empty database `punte` (trust auth on 127.0.0.1). */
export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const version = fs.readdirSync('/etc/postgresql').sort().at(-1) as string;
  const name = `punte_fault_${process.pid}`;
  const port = await freePort();
  const run = (command: string, ...args: string[]) => execFileSync(command, args, { stdio: 'pipe' });
  run('pg_createcluster', version, name, '-p', String(port), '--', '--auth=trust');
  const cluster: ThrowawayCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/punte`,
    stop: () => run('pg_ctlcluster', '--skip-systemctl-redirect', version, name, 'stop', '-m', 'fast'),
    start: () => run('pg_ctlcluster', '--skip-systemctl-redirect', version, name, 'start'),
    // Debian names each process of a cluster after it ("postgres: 15/punte_fault_42: …") and its postmaster
    // runs with the cluster's data directory: both carry the name.
    freeze: () => run('pkill', '-STOP', '-f', name),
    thaw: () => run('pkill', '-CONT', '-f', name),
    drop: () => {
      try {
        run('pkill', '-CONT', '-f', name);
      } catch {
        // no process was frozen
      }
      run('pg_dropcluster', '--stop', version, name);
    },
  };
  try {
    cluster.start();
    run('psql', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-qc', 'create database punte');
  } catch (error) {
    cluster.drop();
    throw error;
  }
  return cluster;
}
