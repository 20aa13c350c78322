import os from 'node:os';
import { greedyAssignment, solveAssignment, checkAssignment } from '../api/src/domain/batch-assignment';
import { generateMatchingInstance } from '../tests/support/matching-instance';

// Times the batch matcher (issue 5) on 500 households × 1,000 units built in memory from generated data:
// `npx tsx bench/batch-matching.ts [households] [units] [seed]`. Prints one line per phase and a
// Markdown row for bench/README.md. The instance build (scoring 500,000 pairs) is timed apart from the solve.

const households = Number(process.argv[2] ?? 500);
const units = Number(process.argv[3] ?? 1000);
const seeds = process.argv[4] ? [Number(process.argv[4])] : [1, 2, 3];

console.log(`batch matching: ${households} households × ${units} units, seeds ${seeds.join(', ')}`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
// Wall time suffers when other processes share the cores; CPU time of this process does not.
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

const rows: string[] = [];
for (const seed of seeds) {
  let t = performance.now();
  const instance = generateMatchingInstance({ households, units, seed });
  const buildMs = performance.now() - t;

  t = performance.now();
  const greedy = greedyAssignment(instance);
  const greedyMs = performance.now() - t;
  const greedyTotal = Math.round(greedy.reduce((s, a) => s + a.score, 0) * 100) / 100;

  const cpu = process.cpuUsage();
  const result = await solveAssignment(instance, { timeLimitSeconds: 120 });
  const solveCpu = cpuSeconds(cpu);
  const violations = checkAssignment(instance, result.assignment);
  if (violations.length > 0) throw new Error(`the solver broke a limit: ${violations[0]}`);

  console.log(
    [
      `seed ${seed}:`,
      `${instance.eligiblePairs} eligible pairs, ${instance.pairs.length} with a positive score;`,
      `LP bound ${result.model.lpBound} after ${result.model.lpRounds} rounds over ${result.model.pairsInLp} pairs; last model ${result.model.columns} columns × ${result.model.rows} rows;`,
      `build ${buildMs.toFixed(0)} ms, greedy ${greedyMs.toFixed(0)} ms (total ${greedyTotal}, ${greedy.length} assigned),`,
      `HiGHS ${result.solveMs.toFixed(0)} ms wall, ${solveCpu.toFixed(1)} s CPU (${result.status}, gap ${result.gap}, total ${result.total}, ${result.assignment.length} assigned; phases ${JSON.stringify(result.phases)})`,
    ].join(' '),
  );
  rows.push(
    `| ${seed} | ${instance.pairs.length.toLocaleString('en')} | ${result.model.rows.toLocaleString('en')} | ${(buildMs / 1000).toFixed(1)} s | ` +
      `${(result.solveMs / 1000).toFixed(1)} s | ${solveCpu.toFixed(1)} s | ${result.status} | ${result.total} (${result.assignment.length}) | ${greedyTotal} (${greedy.length}) | ` +
      `+${(((result.total - greedyTotal) / greedyTotal) * 100).toFixed(2)} % |`,
  );
}
console.log('\n| seed | pairs | rows | build | solve (wall) | solve (CPU) | status | HiGHS total (assigned) | greedy total (assigned) | gain |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
