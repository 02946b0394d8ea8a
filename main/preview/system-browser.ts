import { spawn } from 'node:child_process';
import type { OpenBrowser } from '../ports.ts';

/** The OpenBrowser port under plain Node: the platform's own "open this URL" command. */
export const systemBrowser: OpenBrowser = {
  open(url) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return Promise.reject(new Error('Only web addresses can be opened in the browser.'));
    }
    const [command, args] =
      process.platform === 'darwin'
        ? ['open', [url]]
        : process.platform === 'win32'
          ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
          : ['xdg-open', [url]];
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', (error) => reject(new Error(`Could not open the browser (${command}): ${error.message}`)));
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
  },
};
