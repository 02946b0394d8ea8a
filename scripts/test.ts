// `npm test`: every check in order — typecheck, lint, unit + integration (Vitest), browser end-to-end
// (Playwright + Debian Chromium), Electron smoke (skips with a clear line where there is no binary).
// Each stage runs even if an earlier one failed, so one run shows everything; the exit code is non-zero
// on any failure, and the last line is the total count of tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
interface Stage {
  name: string;
  command: string;
  env?: Record<string, string>;
  counts?: () => Counts;
}

const scratch = mkdtempSync(join(tmpdir(), 'relay-console-test-'));
const vitestJson = join(scratch, 'vitest.json');
const playwrightJson = join(scratch, 'playwright.json');

const stages: Stage[] = [
  { name: 'typecheck', command: 'npm run --silent typecheck' },
  { name: 'lint', command: 'npm run --silent lint' },
  {
    name: 'unit + integration',
    command: `vitest run --reporter=default --reporter=json --outputFile.json=${vitestJson}`,
    counts: () => {
      const r = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
      return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    },
  },
  {
    name: 'browser end-to-end',
    command: 'npm run --silent test:e2e',
    env: { PW_JSON_OUTPUT: playwrightJson },
    counts: () => {
      const r = JSON.parse(readFileSync(playwrightJson, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
      return { passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky, skipped: r.stats.skipped };
    },
  },
  { name: 'electron smoke', command: 'npm run --silent test:electron' },
];

function readCounts(stage: Stage): Counts | null {
  try {
    return stage.counts?.() ?? null;
  } catch {
    return null; // the runner died before writing its report; its exit code tells the story
  }
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];
let anyFailed = false;

for (const stage of stages) {
  console.log(`\n=== ${stage.name}: ${stage.command}`);
  const started = Date.now();
  const run = spawnSync(stage.command, { shell: true, stdio: 'inherit', env: { ...process.env, ...stage.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = readCounts(stage);
  if (counts) {
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  const ok = run.status === 0 && (counts?.failed ?? 0) === 0;
  if (!ok) anyFailed = true;
  const detail = counts ? ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : '';
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${stage.name}${detail} in ${seconds} s`);
}

rmSync(scratch, { recursive: true, force: true });
console.log(`\n=== summary\n${summary.join('\n')}`);
if (anyFailed && total.failed === 0) total.failed = 1; // a stage without a test count (typecheck, lint) failed
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(anyFailed ? 1 : 0);
