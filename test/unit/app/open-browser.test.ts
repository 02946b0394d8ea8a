import { describe, expect, it } from 'vitest';
import { createOpenBrowser } from '../../../main/app/open-browser.ts';

describe('OpenBrowser over shell.openExternal', () => {
  it('opens web addresses and nothing else', async () => {
    const opened: string[] = [];
    const browser = createOpenBrowser({ openExternal: async (url: string) => void opened.push(url) });
    await browser.open('https://bluejeans.example/oauth2/authorize?clientId=x');
    await browser.open('http://127.0.0.1:8787/oauth2/authorize');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'relay-console://x']) {
      await expect(browser.open(bad)).rejects.toThrow(/web addresses/);
    }
    expect(opened).toEqual(['https://bluejeans.example/oauth2/authorize?clientId=x', 'http://127.0.0.1:8787/oauth2/authorize']);
  });
});
