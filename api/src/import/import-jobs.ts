import { randomUUID } from 'node:crypto';
import { ProblemError } from '../problem';
import type { ImportProgress, ImportReport } from './import-types';

/** A problem a failed job carries, as the error middleware would have sent it. */
export type JobProblem = { type: string; title: string; status: number; detail: string; errors?: unknown[] };

export type ImportJob = {
  id: string;
  ownerId: number;
  layer: string;
  format: string;
  dryRun: boolean;
  state: 'running' | 'succeeded' | 'failed';
  progress: ImportProgress;
  createdAt: string;
  finishedAt?: string;
  report?: ImportReport;
  problem?: JobProblem;
  /** Settles when the job has finished, whatever the outcome. */
  done: Promise<void>;
};

export type JobOutcome = { report?: ImportReport; problem?: JobProblem };

// Jobs live in memory: an import takes seconds, and its report is read right after it ends.
const KEEP_FINISHED_MS = 60 * 60 * 1000;
const MAX_JOBS = 100;
// Issue 17: imports are heavy; one at a time per user and two in all keep the server answering.
export const MAX_RUNNING_PER_USER = 1;
export const MAX_RUNNING = 2;
const RETRY_AFTER_SECONDS = 10;

/** The imports of one running app: started in the background, read back by id. */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  /**
   * Starts `work` as a job owned by `ownerId` and returns it at once; `work` reports progress through its
   * argument. Throws a 429 problem when the owner already runs an import, or MAX_RUNNING do.
   */
  start(
    ownerId: number,
    meta: { layer: string; format: string; dryRun: boolean },
    work: (id: string, progress: (p: ImportProgress) => void) => Promise<JobOutcome>,
  ): ImportJob {
    this.prune();
    const running = [...this.jobs.values()].filter((job) => job.state === 'running');
    const mine = running.filter((job) => job.ownerId === ownerId).length;
    if (mine >= MAX_RUNNING_PER_USER || running.length >= MAX_RUNNING) {
      throw new ProblemError({
        status: 429,
        type: '/problems/too-many-imports',
        title: 'Too many imports at once',
        detail:
          mine >= MAX_RUNNING_PER_USER
            ? `Your previous import is still running; wait for it to finish (GET its Location) and try again.`
            : `${running.length} imports are running; try again in ${RETRY_AFTER_SECONDS} s.`,
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      });
    }
    const id = randomUUID();
    const job: ImportJob = {
      id,
      ownerId,
      ...meta,
      state: 'running',
      progress: { phase: 'reading', processed: 0, total: 0 },
      createdAt: new Date().toISOString(),
      done: Promise.resolve(),
    };
    job.done = work(id, (p) => {
      job.progress = p;
    })
      // `work` turns its own errors into problems; this only guards the job against a bug there.
      .catch((): JobOutcome => ({ problem: { type: '/problems/internal-error', title: 'Internal server error', status: 500, detail: 'The import failed unexpectedly.' } }))
      .then(({ report, problem }) => {
      job.report = report;
      job.problem = problem;
      job.state = problem ? 'failed' : 'succeeded';
      job.finishedAt = new Date().toISOString();
    });
    this.jobs.set(id, job);
    return job;
  }

  /** Returns the job with this id; undefined when there is none (or it expired). */
  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && now - Date.parse(job.finishedAt) > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
    const finished = [...this.jobs.values()].filter((job) => job.finishedAt);
    while (this.jobs.size >= MAX_JOBS && finished.length > 0) this.jobs.delete(finished.shift()!.id);
  }
}
