// `npm start`: the desktop app in development (electron-vite dev: renderer with hot reload, main and
// preload rebuilt on change). Where no Electron binary is installed it says so in one line and exits 1.
import { spawn } from 'node:child_process';
import { findElectronBinary, packageBin, projectDir } from './electron-binary.ts';

if (findElectronBinary() === null) {
  console.error(
    'Relay Console: no Electron binary is installed on this machine (it could not be downloaded). Run "npm run preview" to use the app in your browser.',
  );
  process.exit(1);
}

const child = spawn(process.execPath, [packageBin('electron-vite', 'bin/electron-vite.js'), 'dev', ...process.argv.slice(2)], {
  cwd: projectDir,
  stdio: 'inherit',
});
// Ctrl+C reaches the child through the terminal; forwarding it again would stop Electron twice.
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
