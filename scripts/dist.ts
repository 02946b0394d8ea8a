// `npm run dist`: build, then package for this OS with electron-builder (targets in electron-builder.yml,
// output in release/). electron-builder downloads an Electron release to package; where that download is
// impossible (no network) it fails after ~45 s with a bare ENOTFOUND, which this script turns into a sentence.
import { spawn, spawnSync } from 'node:child_process';
import { packageBin, projectDir } from './electron-binary.ts';

const platformFlag: Partial<Record<NodeJS.Platform, string>> = { linux: '--linux', darwin: '--mac', win32: '--win' };
// electron-builder prints a line per step; this long without output means a download is stuck.
const stallMs = Number(process.env['RELAY_DIST_STALL_SECONDS'] ?? 120) * 1000;
const networkFailure = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|fetch failed|net::ERR_/i;

function fail(message: string): never {
  console.error(`Relay Console: ${message}`);
  process.exit(1);
}

const flag = platformFlag[process.platform];
if (!flag) fail(`packaging is set up for Windows, macOS and Linux, not ${process.platform}.`);

const build = spawnSync(process.execPath, [packageBin('electron-vite', 'bin/electron-vite.js'), 'build'], { cwd: projectDir, stdio: 'inherit' });
if (build.status !== 0) fail('the build failed (see above), so nothing was packaged.');

const child = spawn(process.execPath, [packageBin('electron-builder', 'cli.js'), flag, '--publish', 'never', ...process.argv.slice(2)], {
  cwd: projectDir,
  stdio: ['inherit', 'pipe', 'pipe'],
});

let output = '';
let stalled = false;
let timer = setTimeout(onStall, stallMs);
function onStall(): void {
  stalled = true;
  child.kill();
}
const relay = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
  sink.write(chunk);
  output = (output + chunk.toString('utf8')).slice(-20_000); // the tail is enough to classify a failure
  clearTimeout(timer);
  timer = setTimeout(onStall, stallMs);
};
child.stdout.on('data', relay(process.stdout));
child.stderr.on('data', relay(process.stderr));

child.on('exit', (code) => {
  clearTimeout(timer);
  if (code === 0 && !stalled) {
    console.log('Relay Console: packaged into release/.');
    process.exit(0);
  }
  if (stalled) fail(`packaging stopped: electron-builder printed nothing for ${stallMs / 1000} s (a download is probably stuck).`);
  if (networkFailure.test(output)) {
    fail(
      'packaging failed because electron-builder could not download the Electron release it packages (no network access to GitHub or to ELECTRON_MIRROR). Run "npm run dist" on a machine with internet access; "npm run preview" still runs the app in a browser here.',
    );
  }
  fail(`electron-builder failed (exit code ${code ?? 'none'}); its own message is above.`);
});
