// `npm run test:electron`: the Playwright _electron smoke test. Where no Electron binary is installed it
// prints one SKIP line and exits 0, so `npm test` stays green on machines that can only run the preview.
import { spawnSync } from 'node:child_process';
import { findElectronBinary, packageBin, projectDir } from '../../scripts/electron-binary.ts';

if (findElectronBinary() === null) {
  console.log(
    'SKIP test/electron: the Electron tests (smoke; desktop: demo dashboard, mute, tray menu model) did not run because no Electron binary is installed on this machine (node_modules/electron/dist is missing).',
  );
  process.exit(0);
}

const run = (args: string[]): number => {
  const result = spawnSync(args[0] ?? process.execPath, args.slice(1), { cwd: projectDir, stdio: 'inherit' });
  return result.status ?? 1;
};

const built = run([process.execPath, packageBin('electron-vite', 'bin/electron-vite.js'), 'build']);
if (built !== 0) process.exit(built);

const playwright = [process.execPath, packageBin('@playwright/test', 'cli.js'), 'test', '-c', 'test/electron/playwright.electron.config.ts', ...process.argv.slice(2)];
// Electron needs a display: on a headless Linux box run it inside a virtual one when xvfb-run exists.
const headlessLinux = process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY'];
const hasXvfb = headlessLinux && spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error === undefined;
process.exit(run(hasXvfb ? ['xvfb-run', '-a', ...playwright] : playwright));
