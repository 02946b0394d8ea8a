// The preview host as its own process (`node scripts/preview.ts`, as `npm run preview` starts it) over a
// damaged settings folder: it keeps running instead of exiting with a stack trace, the Connections screen
// shows the notice, and a desktop setting that cannot be saved is reported on the Settings screen.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '../..');

interface PreviewProcess {
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts the preview host on a free port; resolves with its address, or rejects with what it printed if it exits. */
async function startPreview(dataDir: string): Promise<PreviewProcess> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(
    process.execPath,
    ['scripts/preview.ts', '--port', '0', '--no-demo', '--data-dir', dataDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = await new Promise<string>((done, failed) => {
    const look = (): void => {
      const match = /Open: (\S+)/.exec(output);
      if (match) done(match[1]!);
    };
    child.stdout.on('data', look);
    void exited.then((code) => failed(new Error(`The preview host exited (${code}):\n${output}`)));
  });
  return {
    url,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

test('settings.json is a folder: the host starts, moves it aside and the Connections screen says where', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-preview-faults-'));
  mkdirSync(join(dataDir, 'settings.json'));
  const host = await startPreview(dataDir);
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Connections' }).click();
    const aside = readdirSync(dataDir).find((f) => f.startsWith('settings.corrupt-'));
    expect(aside).toBeDefined();
    await expect(page.getByRole('alert').filter({ hasText: `it is a folder), so it was moved aside to ${join(dataDir, aside!)}` })).toBeVisible();
    expect(host.output()).not.toMatch(/EISDIR|\n\s+at /);
  } finally {
    expect(await host.stop()).toBe(0);
  }
});

test('a settings folder that cannot be written: the host runs on settings in memory and says so; a failed save is shown', async ({ page }) => {
  const parent = mkdtempSync(join(tmpdir(), 'relay-preview-faults-'));
  writeFileSync(join(parent, 'a-file'), '');
  const host = await startPreview(join(parent, 'a-file', 'data'));
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Connections' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'cannot write to its settings folder' })).toContainText('kept for this session only');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    // A controlled box: it shows the change once main answers, so click and wait rather than check().
    await page.getByTestId('notify-quiet').click();
    await expect(page.getByTestId('desktop-settings-error')).toHaveText(/This change holds for this session only: it could not be saved \(part of its path is a file, not a folder\)\./);
    await expect(page.getByTestId('notify-quiet')).toBeChecked();
  } finally {
    expect(await host.stop()).toBe(0);
  }
});
