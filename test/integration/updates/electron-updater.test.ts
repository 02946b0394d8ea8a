// The update path end to end under Node: the update service (main/updates) drives the app's adapter
// (main/app/updater.ts) around electron-updater's real updater classes, against a generic feed on
// 127.0.0.1. The feed check, the version decision inside electron-updater, its sha512 check of a download
// and, for the NSIS updater, its call of the publisher-signature check are electron-updater's own code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { NsisUpdater } from 'electron-updater';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../contract/index.ts';
import { createElectronUpdateEngine, updaterCacheDirName } from '../../../main/app/updater.ts';
import { silentLogger } from '../../../main/ports.ts';
import { createUpdateService, type UpdateService } from '../../../main/updates/update-service.ts';
import { createMemorySettingsStore } from '../../../main/vault/conf-store.ts';
import { makeNodeUpdater, type NodeUpdater } from '../../helpers/electron-updater-node.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { startFeedServer, type FeedServer } from '../../helpers/update-feed-server.ts';

const deb = (version: string): string => `relay-console_${version}_amd64.deb`;
const installer = (text: string): Buffer => Buffer.from(`installer bytes: ${text}\n`.repeat(2000));

interface Rig {
  service: UpdateService;
  node: NodeUpdater;
  clock: ManualClock;
  events: UpdateStatus[];
  quitsAsked: number;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function feedServer(): Promise<FeedServer> {
  const feed = await startFeedServer();
  cleanups.push(() => feed.close());
  return feed;
}

function rig(options: { feedUrl: string; version?: string; kind?: 'deb' | 'nsis'; platform?: string; publishers?: string[] }): Rig {
  const node = makeNodeUpdater(options.kind ?? 'deb', options.version ?? '1.0.0');
  const clock = new ManualClock();
  const events: UpdateStatus[] = [];
  const state = { quitsAsked: 0 };
  const engine = createElectronUpdateEngine({
    updater: () => node.updater,
    isPackaged: true,
    configDir: join(node.dir, 'updates'),
    log: silentLogger,
    beforeQuit: () => void state.quitsAsked++,
  });
  const service = createUpdateService({
    currentVersion: options.version ?? '1.0.0',
    platform: options.platform ?? 'linux',
    engine,
    policy: { policy: { feedUrl: options.feedUrl, ...(options.publishers ? { windowsPublisherNames: options.publishers } : {}) }, notice: null },
    store: createMemorySettingsStore(),
    clock,
    log: silentLogger,
    emit: (status) => events.push(status),
    timings: { firstCheckAfterMs: null },
  });
  cleanups.push(() => {
    service.dispose();
    node.dispose();
  });
  return {
    service,
    node,
    clock,
    events,
    get quitsAsked() {
      return state.quitsAsked;
    },
  };
}

/** Waits (bounded, by turns of the event loop, not by time) until `done` holds. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 20_000; i++) {
    if (done()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  throw new Error(`never happened: ${what}`);
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const pendingFiles = (node: NodeUpdater): string[] => {
  const dir = join(node.dir, 'cache', updaterCacheDirName, 'pending');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('the feed check against a generic feed on 127.0.0.1', () => {
  it('finds a newer version: available, with Download offered', async () => {
    const feed = await feedServer();
    feed.release({ version: '1.2.0', fileName: deb('1.2.0'), published: installer('1.2.0') });
    const { service, events } = rig({ feedUrl: feed.url });

    const status = await service.handlers.updatesCheck();

    expect(status.phase).toBe('available');
    expect(status.availableVersion).toBe('1.2.0');
    expect(status.message).toBe('Version 1.2.0 is available. Download it, then restart Relay Console to install it.');
    expect(status.actions).toMatchObject({ download: true, install: false });
    expect(feed.requests).toEqual(['/latest-linux.yml']);
    expect(events.map((e) => e.phase)).toEqual(['idle', 'checking', 'available']);
  });

  it.each([
    ['1.0.0', 'Relay Console 1.0.0 is up to date.'],
    ['0.9.3', 'Relay Console 1.0.0 is up to date (the update server offers 0.9.3, which is older).'],
    ['1.1.0-beta.2', 'Relay Console 1.0.0 is up to date (the update server offers 1.1.0-beta.2, a test version, which is not installed over a release).'],
  ])('the feed offers %s to 1.0.0: up to date, nothing to download', async (offered, words) => {
    const feed = await feedServer();
    feed.release({ version: offered, fileName: deb(offered), published: installer(offered) });
    const { service, node } = rig({ feedUrl: feed.url });

    const status = await service.handlers.updatesCheck();

    expect(status.phase).toBe('up-to-date');
    expect(status.message).toBe(words);
    expect(status.actions.download).toBe(false);
    await expect(service.handlers.updatesDownload()).rejects.toMatchObject({ code: 'conflict' });
    // electron-updater agrees (our decision sits inside its own; alone it would take 1.1.0-beta.2 > 1.0.0):
    // it has no update to download either.
    await expect(node.updater.downloadUpdate()).rejects.toThrow('Please check update first');
  });

  it('offers a newer test version to a machine that runs a test version', async () => {
    const feed = await feedServer();
    feed.release({ version: '1.1.0-beta.3', fileName: deb('1.1.0-beta.3'), published: installer('beta 3') });
    const { service } = rig({ feedUrl: feed.url, version: '1.1.0-beta.2' });

    expect((await service.handlers.updatesCheck()).availableVersion).toBe('1.1.0-beta.3');
  });

  it('a feed nobody listens on: the check fails in words', async () => {
    const port = await closedPort();
    const { service } = rig({ feedUrl: `http://127.0.0.1:${port}/` });

    // electron-updater tries a refused connection a few times (about 3 s) before it gives up.
    const status = await service.handlers.updatesCheck();

    expect(status.phase).toBe('failed');
    expect(status.message).toBe('The check failed: The update server could not be reached. Check the address and the network.');
    expect(status.actions.check).toBe(true);
  }, 20_000);

  it('a feed that never answers: the check ends at its deadline, in words, and a late answer is dropped', async () => {
    const feed = await feedServer();
    feed.hang();
    const { service, clock, events } = rig({ feedUrl: feed.url });

    const checking = service.handlers.updatesCheck();
    await until(() => feed.requests.length > 0, 'the feed was asked');
    expect(service.status().phase).toBe('checking');
    clock.advance(29_999);
    expect(service.status().phase).toBe('checking');
    clock.advance(1);
    const status = await checking;

    expect(status.phase).toBe('failed');
    expect(status.message).toBe('The check failed: The update server did not answer within 30 seconds.');

    // The server finally hangs up: that late end of the check changes nothing.
    const seen = events.length;
    await feed.close();
    for (let i = 0; i < 50; i++) await new Promise<void>((r) => setImmediate(r));
    expect(events.length).toBe(seen);
    expect(service.status().message).toBe(status.message);
  });
});

describe('the download, verified by electron-updater before it counts', () => {
  it('a tampered download (bytes that do not match latest.yml) is refused and deleted; nothing can be installed', async () => {
    const feed = await feedServer();
    feed.release({ version: '1.2.0', fileName: deb('1.2.0'), published: installer('the real 1.2.0'), served: installer('something else') });
    const r = rig({ feedUrl: feed.url });
    await r.service.handlers.updatesCheck();

    const status = await r.service.handlers.updatesDownload();

    expect(feed.requests).toContain(`/${deb('1.2.0')}`);
    expect(status.phase).toBe('failed');
    expect(status.message).toBe(
      'The download of version 1.2.0 failed: The downloaded update does not match the checksum the update server published, so it was deleted and nothing was installed.',
    );
    expect(status.actions.install).toBe(false);
    expect(pendingFiles(r.node)).toEqual([]);
    expect(() => r.service.handlers.updatesInstall()).toThrow(/no downloaded update/);
    expect(r.quitsAsked).toBe(0);
  });

  it('a genuine download is kept and waits for the admin: Restart to install quits once, on the click', async () => {
    const feed = await feedServer();
    const bytes = installer('the real 1.2.0');
    feed.release({ version: '1.2.0', fileName: deb('1.2.0'), published: bytes });
    const r = rig({ feedUrl: feed.url });
    await r.service.handlers.updatesCheck();

    const status = await r.service.handlers.updatesDownload();

    expect(status.phase).toBe('downloaded');
    expect(status.message).toBe('Version 1.2.0 is downloaded and verified. Restart Relay Console to install it.');
    expect(status.actions.install).toBe(true);
    expect(pendingFiles(r.node)).toContain(deb('1.2.0'));
    expect(readFileSync(join(r.node.dir, 'cache', updaterCacheDirName, 'pending', deb('1.2.0')))).toEqual(bytes);
    // Progress goes out in whole percents from 0 (electron-updater reports at most once a second).
    const percents = r.events.filter((e) => e.phase === 'downloading').map((e) => e.percent);
    expect(percents[0]).toBe(0);
    expect(r.quitsAsked).toBe(0);
    expect(r.node.quits).toBe(0);

    // The click. (electron-updater's own install would run dpkg: stand in for it.)
    const installs: unknown[][] = [];
    r.node.updater.quitAndInstall = (...args: unknown[]) => void installs.push(args);
    const installing = r.service.handlers.updatesInstall();
    expect(installing.message).toBe('Restarting to install version 1.2.0…');
    expect(r.quitsAsked).toBe(1);
    expect(installs).toEqual([[true, true]]);
    // A second click does not start a second installer.
    r.service.handlers.updatesInstall();
    expect(installs).toHaveLength(1);
  });

  it('the adapter leaves every check on and does nothing on its own', async () => {
    const feed = await feedServer();
    feed.release({ version: '1.2.0', fileName: deb('1.2.0'), published: installer('1.2.0') });
    const r = rig({ feedUrl: feed.url, publishers: ['Example Org Ltd'] });
    await r.service.handlers.updatesCheck();

    const u = r.node.updater;
    expect({ autoDownload: u.autoDownload, autoInstallOnAppQuit: u.autoInstallOnAppQuit, allowDowngrade: u.allowDowngrade, disableWebInstaller: u.disableWebInstaller }).toEqual({
      autoDownload: false,
      autoInstallOnAppQuit: false,
      allowDowngrade: false,
      disableWebInstaller: true,
    });
    // A check downloads nothing.
    expect(feed.requests).toEqual(['/latest-linux.yml']);
    const config = join(r.node.dir, 'updates', 'update-config.json');
    expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual({ updaterCacheDirName, publisherName: ['Example Org Ltd'] });
    expect(statSync(config).mode & 0o777).toBe(0o600);
  });
});

describe('Windows: the publisher signature (NSIS updater)', () => {
  it("the policy's publisher names reach electron-updater's signature check, and an unsigned installer is refused", async () => {
    const feed = await feedServer();
    feed.release({ version: '1.2.0', fileName: 'Relay-Console-Setup-1.2.0.exe', published: installer('setup 1.2.0') });
    const r = rig({ feedUrl: feed.url, kind: 'nsis', platform: 'win32', publishers: ['Example Org Ltd'] });
    const asked: { names: string[]; file: string }[] = [];
    // The verifier itself runs PowerShell's Get-AuthenticodeSignature, which this machine has not: stand in
    // for its answer, "not signed by them".
    const nsis = r.node.updater as NsisUpdater;
    nsis.verifyUpdateCodeSignature = (names, file) => {
      asked.push({ names, file });
      return Promise.resolve('the installer is not signed');
    };

    expect((await r.service.handlers.updatesCheck()).availableVersion).toBe('1.2.0');
    expect(feed.requests).toEqual(['/latest.yml']);
    const status = await r.service.handlers.updatesDownload();

    expect(asked.map((a) => a.names)).toEqual([['Example Org Ltd']]);
    expect(status.phase).toBe('failed');
    expect(status.message).toBe(
      'The download of version 1.2.0 failed: The downloaded installer is not signed by the expected publisher, so it was deleted and nothing was installed.',
    );
    expect(pendingFiles(r.node)).toEqual([]);
  });

  it('a signed installer is downloaded', async () => {
    const feed = await feedServer();
    feed.release({ version: '1.2.0', fileName: 'Relay-Console-Setup-1.2.0.exe', published: installer('setup 1.2.0') });
    const r = rig({ feedUrl: feed.url, kind: 'nsis', platform: 'win32', publishers: ['Example Org Ltd'] });
    (r.node.updater as NsisUpdater).verifyUpdateCodeSignature = () => Promise.resolve(null);
    await r.service.handlers.updatesCheck();

    expect((await r.service.handlers.updatesDownload()).phase).toBe('downloaded');
  });

  it('without a publisher to check against, Windows is not offered the download', async () => {
    const feed = await feedServer();
    feed.release({ version: '1.2.0', fileName: 'Relay-Console-Setup-1.2.0.exe', published: installer('setup 1.2.0') });
    const r = rig({ feedUrl: feed.url, kind: 'nsis', platform: 'win32' });

    const status = await r.service.handlers.updatesCheck();

    expect(status.phase).toBe('available');
    expect(status.actions.download).toBe(false);
    expect(status.message).toMatch(/cannot check its installer's signature here.*windowsPublisherNames/);
    await expect(r.service.handlers.updatesDownload()).rejects.toMatchObject({ code: 'unavailable' });
    expect(feed.requests).toEqual(['/latest.yml']);
  });
});
