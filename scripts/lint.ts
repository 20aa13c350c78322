import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `npm run lint`: the strict typecheck of the API, scripts and tests (tsconfig.json) and of the client
// (client/tsconfig.json), then the import boundaries of STYLE.md that hold today. Each rule names the
// layers: a file under `from` may not import what `forbidden` matches. ESLint with import boundaries for
// the rest (domain/ → db/ still exists) is issue 9.

type Rule = { name: string; from: RegExp; forbidden: (target: string, file: string) => boolean };

const RULES: Rule[] = [
  {
    name: 'a route does not import another route (shared request plumbing lives in http/)',
    from: /^api\/src\/routes\//,
    forbidden: (target, file) => path.dirname(target) === path.dirname(file) && target.startsWith('api/src/routes/'),
  },
  { name: 'a script does not import from routes/ (use services/)', from: /^scripts\//, forbidden: (target) => target.startsWith('api/src/routes/') },
  { name: 'services/ know no HTTP routes', from: /^api\/src\/services\//, forbidden: (target) => target.startsWith('api/src/routes/') || target === 'express' },
  {
    name: 'domain/ knows no HTTP',
    from: /^api\/src\/domain\//,
    forbidden: (target) => target === 'express' || target.startsWith('api/src/routes/') || target.startsWith('api/src/http/'),
  },
  {
    name: 'only client/src/map imports maplibre-gl and terra-draw',
    from: /^client\/src\/(?!map\/)/,
    forbidden: (target) => /^(maplibre-gl|terra-draw)/.test(target),
  },
];

function typecheck(project: string): boolean {
  console.log(`typecheck ${project}`);
  const run = spawnSync(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', project], { stdio: 'inherit' });
  return run.status === 0;
}

/** Returns the repository-relative files under `dir` ending in .ts or .tsx. */
function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.includes('node_modules') && !file.startsWith('dist'))
    .map((file) => path.join(dir, file));
}

/** Returns what a file imports: package names, or repository-relative paths without extension. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const targets = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] as string);
  return targets.map((target) => (target.startsWith('.') ? path.normalize(path.join(path.dirname(file), target)) : target));
}

const violations: string[] = [];
for (const file of ['api', 'scripts', 'client/src', 'tests'].flatMap(sourceFiles)) {
  for (const rule of RULES.filter((r) => r.from.test(file))) {
    for (const target of importsOf(file)) if (rule.forbidden(target, file)) violations.push(`${file}: imports ${target} — ${rule.name}`);
  }
}
for (const line of violations) console.error(line);
console.log(`import boundaries: ${violations.length} violation(s)`);
const typed = typecheck('tsconfig.json') && typecheck('client/tsconfig.json');
process.exit(typed && violations.length === 0 ? 0 : 1);
