// The OpenBrowser port over shell.openExternal. Only web addresses are opened: never file:, javascript:
// or an app's custom scheme, whatever a server or a bug hands us.
import type { Shell } from 'electron';
import type { OpenBrowser } from '../ports.ts';

export function createOpenBrowser(shell: Pick<Shell, 'openExternal'>): OpenBrowser {
  return {
    async open(url) {
      const { protocol } = new URL(url);
      if (protocol !== 'https:' && protocol !== 'http:') throw new Error('Only web addresses can be opened in the browser.');
      await shell.openExternal(url);
    },
  };
}
