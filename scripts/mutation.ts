// `npm run test:mutation [-- [--force] folder…]`: mutation testing with Stryker, one run per folder, so
// each folder has its own score, its own report and its own incremental file, and a run mutates only that
// folder and runs only the tests that are about it. Not part of `npm test`: a first run of a folder takes
// minutes; later runs are incremental (only mutants in changed code, or covered by changed tests, run again).
import { Stryker } from '@stryker-mutator/core';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { folderVariable, mutationFolders, mutationTarget, type MutationFolder } from '../test/mutation/folders.ts';

type StrykerOptions = ConstructorParameters<typeof Stryker>[0];
type MutantResult = Awaited<ReturnType<Stryker['runMutationTest']>>[number];

const reportsDir = 'reports/mutation';
const slug = (folder: string): string => folder.replace(/\//g, '-');

function optionsFor(folder: MutationFolder, dir: string, force: boolean): StrykerOptions {
  return {
    testRunner: 'vitest',
    // The folder's tests, chosen by test/mutation/vitest.config.ts from RELAY_MUTATION_FOLDER.
    vitest: { configFile: 'test/mutation/vitest.config.ts', related: true },
    plugins: ['@stryker-mutator/vitest-runner'],
    mutate: folder.mutate,
    // Coverage per test: a mutant runs only against the tests that reach it (static mutants, which run
    // while a module loads, still run against every test of the folder).
    coverageAnalysis: 'perTest',
    // Two shared cores: two test-runner processes.
    concurrency: 2,
    incremental: true,
    // Kept out of git (reports/ is ignored): it is a cache of the last run, with a copy of every mutated
    // source and test file in it; losing it costs one full run, never a wrong score.
    incrementalFile: join(dir, 'incremental.json'),
    force,
    reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
    htmlReporter: { fileName: join(dir, 'index.html') },
    jsonReporter: { fileName: join(dir, 'report.json') },
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
    thresholds: { high: 90, low: mutationTarget, break: null },
    // Only the sources the tests need are copied into the sandbox.
    ignorePatterns: ['out', 'release', 'reports', 'test-results', 'playwright-report', 'docs', 'build', 'bench', '*.log'],
    tempDirName: '.stryker-tmp',
    // A test that starts the simulator takes a while on two busy cores; a mutant is a timeout only well past that.
    timeoutMS: 10_000,
  };
}

// The incremental file as far as this script reads it (Stryker's mutation-testing-report JSON).
const incrementalReport = z.looseObject({
  files: z.record(z.string(), z.looseObject({ mutants: z.array(z.looseObject({ status: z.string(), static: z.boolean().optional() })) })),
});

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/**
 * Stryker re-tests a surviving mutant when a test that covers it is added; a static mutant (one that acts
 * while its module loads, e.g. a schema or a constant) is covered by no test in particular, so a new test
 * never brings it back: it would stay "survived", or "no coverage" if no test loaded its module before,
 * for good. Those results are dropped before each run (a mutant still not covered costs nothing to find
 * again); everything else is reused. A file that cannot be read is dropped.
 */
function forgetStaticSurvivors(file: string): void {
  if (!existsSync(file)) return;
  const parsed = incrementalReport.safeParse(readJson(file));
  if (!parsed.success) return rmSync(file);
  for (const entry of Object.values(parsed.data.files)) {
    entry.mutants = entry.mutants.filter((m) => m.status !== 'NoCoverage' && !(m.static === true && m.status === 'Survived'));
  }
  writeFileSync(file, JSON.stringify(parsed.data));
}

interface Score {
  folder: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  invalid: number;
  score: number;
  seconds: number;
}

function scoreOf(folder: string, results: MutantResult[], seconds: number): Score {
  const count = (...statuses: string[]) => results.filter((r) => statuses.includes(r.status)).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const detected = killed + timeout;
  const valid = detected + survived + noCoverage;
  return {
    folder,
    killed,
    timeout,
    survived,
    noCoverage,
    ignored: count('Ignored'),
    invalid: count('CompileError', 'RuntimeError'),
    score: valid === 0 ? 100 : (100 * detected) / valid,
    seconds,
  };
}

function table(scores: Score[]): string {
  const head = ['folder', 'score', 'killed', 'timeout', 'survived', 'no cover', 'ignored', 'invalid', 'wall'];
  const rows = scores.map((s) => [
    s.folder,
    `${s.score.toFixed(1)} %`,
    String(s.killed),
    String(s.timeout),
    String(s.survived),
    String(s.noCoverage),
    String(s.ignored),
    String(s.invalid),
    `${s.seconds.toFixed(0)} s`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const force = argv.includes('--force');
  const asked = argv.filter((a) => !a.startsWith('--')).map((a) => a.replace(/\/+$/, ''));
  const unknown = asked.filter((a) => !(a in mutationFolders));
  if (unknown.length > 0) {
    console.error(`Not a folder under mutation testing: ${unknown.join(', ')}. Folders: ${Object.keys(mutationFolders).join(', ')}.`);
    return 2;
  }
  if (!existsSync('vitest.config.ts')) {
    console.error('Run this from the repository root (npm run test:mutation).');
    return 2;
  }
  const chosen = asked.length > 0 ? asked : Object.keys(mutationFolders);
  const scores: Score[] = [];
  for (const name of chosen) {
    const folder = mutationFolders[name];
    if (!folder) continue;
    console.log(`\n=== mutation testing ${name}`);
    const started = Date.now();
    // Stryker's test-runner processes inherit the environment: it tells the Vitest config which tests.
    process.env[folderVariable] = name;
    const dir = join(reportsDir, slug(name));
    forgetStaticSurvivors(join(dir, 'incremental.json'));
    const results = await new Stryker(optionsFor(folder, dir, force)).runMutationTest();
    scores.push(scoreOf(name, results, (Date.now() - started) / 1000));
  }
  console.log(`\n=== mutation scores (target ${mutationTarget} % each; reports in ${reportsDir}/)\n${table(scores)}`);
  const below = scores.filter((s) => s.score < mutationTarget);
  if (below.length > 0) console.log(`below target: ${below.map((s) => s.folder).join(', ')}`);
  return below.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
