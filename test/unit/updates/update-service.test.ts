import { describe, expect, it } from 'vitest';
import { channels, type UpdateStatus } from '../../../contract/index.ts';
import { createDispatcher, type Handlers } from '../../../main/ipc/dispatcher.ts';
import { silentLogger } from '../../../main/ports.ts';
import type { PolicyRead, UpdatePolicy } from '../../../main/updates/policy.ts';
import type { UpdateEngine, UpdateFeed } from '../../../main/updates/ports.ts';
import { createUpdateService, managedMessage, updateFeedKey, type UpdateTimings } from '../../../main/updates/update-service.ts';
import { memorySettings } from '../app/memory-settings.ts';
import { ManualClock, settle } from '../../helpers/manual-clock.ts';

/** An engine that answers what the test says, when the test says. */
class FakeEngine implements UpdateEngine {
  feeds: UpdateFeed[] = [];
  accept: (version: string) => boolean = () => false;
  checks = 0;
  installs = 0;
  latest = '1.0.0';
  checkError: Error | null = null;
  unsupported: string | null = null;
  /** Set: downloads wait for the test to settle them. */
  pendingDownload: { resolve(): void; reject(error: Error): void; signal: AbortSignal; progress(p: number): void } | null = null;

  unsupportedReason(): string | null {
    return this.unsupported;
  }
  configure(feed: UpdateFeed, accept: (version: string) => boolean): void {
    this.feeds.push(feed);
    this.accept = accept;
  }
  check(): Promise<{ version: string }> {
    this.checks++;
    return this.checkError ? Promise.reject(this.checkError) : Promise.resolve({ version: this.latest });
  }
  download(onProgress: (percent: number) => void, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pendingDownload = { resolve, reject, signal, progress: onProgress };
    });
  }
  install(): void {
    this.installs++;
  }
}

function service(options: { policy?: UpdatePolicy | null; notice?: string; stored?: string | null; engine?: FakeEngine | null; platform?: string; timings?: Partial<UpdateTimings> } = {}) {
  const engine = options.engine === undefined ? new FakeEngine() : options.engine;
  const store = memorySettings(options.stored ? { [updateFeedKey]: { feedUrl: options.stored } } : {});
  const clock = new ManualClock();
  const events: UpdateStatus[] = [];
  const policy: PolicyRead = { policy: options.policy ?? null, notice: options.notice ?? null };
  const svc = createUpdateService({
    currentVersion: '1.0.0',
    platform: options.platform ?? 'linux',
    engine,
    policy,
    store,
    clock,
    log: silentLogger,
    emit: (s) => events.push(s),
    timings: { firstCheckAfterMs: null, ...options.timings },
  });
  // Through the real dispatcher, so inputs meet the contract's schema as they do from the renderer.
  const dispatch = createDispatcher(svc.handlers as unknown as Handlers, silentLogger);
  return { svc, engine, store, clock, events, dispatch };
}

describe('which feed is in force', () => {
  it('none set: off, and Settings may set one', () => {
    const { svc, engine } = service();
    expect(svc.status()).toMatchObject({ phase: 'off', message: 'Updates are off: no update server is set.', managed: false, feed: { url: null, source: 'none' } });
    expect(svc.status().actions).toEqual({ check: false, download: false, install: false, configure: true });
    expect(engine?.feeds).toEqual([]);
  });

  it('a feed set in Settings is used, kept, and can be turned off again', async () => {
    const { svc, engine, store, dispatch } = service();
    const set = await dispatch('updates.setFeed', { feedUrl: 'https://updates.example.org/relay' });
    expect(set).toMatchObject({ ok: true, value: { phase: 'idle', feed: { url: 'https://updates.example.org/relay/', source: 'settings' }, managed: false } });
    expect(store.get(updateFeedKey)).toEqual({ feedUrl: 'https://updates.example.org/relay/' });
    expect(engine?.feeds).toEqual([{ url: 'https://updates.example.org/relay/', windowsPublisherNames: null }]);
    await dispatch('updates.setFeed', { feedUrl: null });
    expect(svc.status().phase).toBe('off');
    expect(store.get(updateFeedKey)).toBeUndefined();
  });

  it('Settings refuses a feed that is not https', async () => {
    const { dispatch } = service();
    const result = await dispatch('updates.setFeed', { feedUrl: 'http://updates.example.org/' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok ? '' : result.error.message).toContain('only fetched over https://');
  });

  it('the policy turns updates off: it wins over a feed kept in Settings, and Settings cannot change it', async () => {
    const { svc, engine, dispatch } = service({ policy: { updates: 'off' }, stored: 'https://mine.example.org/' });
    expect(svc.status()).toMatchObject({ phase: 'off', message: 'Your organisation has turned updates off.', managed: true, feed: { source: 'policy' } });
    expect(svc.status().actions.configure).toBe(false);
    expect(await dispatch('updates.setFeed', { feedUrl: 'https://other.example.org/' })).toEqual({ ok: false, error: { code: 'forbidden', message: managedMessage } });
    expect(await dispatch('updates.check', undefined)).toMatchObject({ ok: true, value: { phase: 'off' } });
    expect(engine?.checks).toBe(0);
  });

  it('the policy pins the feed: it wins over Settings', async () => {
    const { svc, engine, dispatch } = service({ policy: { feedUrl: 'https://fleet.example.org/rc/' }, stored: 'https://mine.example.org/' });
    expect(svc.status()).toMatchObject({ phase: 'idle', managed: true, feed: { url: 'https://fleet.example.org/rc/', source: 'policy' } });
    expect(engine?.feeds.map((f) => f.url)).toEqual(['https://fleet.example.org/rc/']);
    expect(await dispatch('updates.setFeed', { feedUrl: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a bad policy file was ignored: Settings decides, and the notice is shown', () => {
    const notice = 'The update policy file /etc/relay-console/policy.json is ignored because it is not valid JSON.';
    const { svc } = service({ notice, stored: 'https://mine.example.org/' });
    expect(svc.status()).toMatchObject({ phase: 'idle', managed: false, notices: [notice], feed: { source: 'settings' } });
  });

  it('the browser preview and a development build are off, in words', async () => {
    const preview = service({ engine: null, stored: 'https://mine.example.org/' });
    expect(preview.svc.status()).toMatchObject({ phase: 'off', message: 'Updates apply to the desktop app; this browser preview does not update itself.' });
    expect(preview.svc.status().actions.configure).toBe(false);
    expect(await preview.dispatch('updates.setFeed', { feedUrl: null })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    const engine = new FakeEngine();
    engine.unsupported = 'This is a development build: updates apply to the installed app.';
    expect(service({ engine, stored: 'https://mine.example.org/' }).svc.status()).toMatchObject({ phase: 'off', message: engine.unsupported });
  });
});

describe('checking, downloading, installing', () => {
  it('passes the version decision to the engine', () => {
    const { engine } = service({ stored: 'https://mine.example.org/' });
    expect(engine?.accept('1.0.1')).toBe(true);
    expect(engine?.accept('1.0.0')).toBe(false);
    expect(engine?.accept('2.0.0-beta.1')).toBe(false);
  });

  it('a failed check says why, and can be tried again', async () => {
    const { svc, engine } = service({ stored: 'https://mine.example.org/' });
    if (!engine) throw new Error('engine');
    engine.checkError = Object.assign(new Error('getaddrinfo ENOTFOUND mine.example.org'), { code: 'ENOTFOUND' });
    expect(await svc.handlers.updatesCheck()).toMatchObject({ phase: 'failed', message: "The check failed: The update server's name could not be found.", actions: { check: true } });
    engine.checkError = null;
    engine.latest = '1.3.0';
    expect(await svc.handlers.updatesCheck()).toMatchObject({ phase: 'available', availableVersion: '1.3.0' });
  });

  it('a version the server names that is not semver is a failure, not an update', async () => {
    const { svc, engine } = service({ stored: 'https://mine.example.org/' });
    if (engine) engine.latest = 'latest';
    expect(await svc.handlers.updatesCheck()).toMatchObject({ phase: 'failed', message: 'The check failed: the update server names a version Relay Console cannot read ("latest").' });
  });

  it('downloads with progress in whole percents, then waits: installing needs the click', async () => {
    const { svc, engine, events, clock } = service({ stored: 'https://mine.example.org/' });
    if (!engine) throw new Error('engine');
    engine.latest = '1.3.0';
    await svc.handlers.updatesCheck();
    const downloading = svc.handlers.updatesDownload();
    expect(svc.status()).toMatchObject({ phase: 'downloading', percent: 0, message: 'Downloading version 1.3.0… 0 %', actions: { check: false, configure: false } });
    engine.pendingDownload?.progress(41.2);
    engine.pendingDownload?.progress(41.9);
    engine.pendingDownload?.progress(99.99);
    expect(events.filter((e) => e.phase === 'downloading').map((e) => e.percent)).toEqual([0, 41, 99]);
    engine.pendingDownload?.resolve();
    expect(await downloading).toMatchObject({ phase: 'downloaded', actions: { install: true } });
    // A day passes: nothing installs by itself.
    clock.advance(24 * 60 * 60_000);
    await settle();
    expect(engine.installs).toBe(0);
    expect(svc.handlers.updatesInstall()).toMatchObject({ phase: 'downloaded', message: 'Restarting to install version 1.3.0…', actions: { install: false } });
    expect(engine.installs).toBe(1);
  });

  it('a download that takes too long is stopped at its deadline', async () => {
    const { svc, engine, clock } = service({ stored: 'https://mine.example.org/', timings: { downloadDeadlineMs: 10 * 60_000 } });
    if (!engine) throw new Error('engine');
    engine.latest = '1.3.0';
    await svc.handlers.updatesCheck();
    const downloading = svc.handlers.updatesDownload();
    clock.advance(10 * 60_000);
    expect(await downloading).toMatchObject({ phase: 'failed', message: 'The download of version 1.3.0 failed: The download did not finish within 10 minutes and was stopped.' });
    expect(engine.pendingDownload?.signal.aborted).toBe(true);
  });

  it('download and install are refused when there is nothing to download or install', async () => {
    const { dispatch } = service({ stored: 'https://mine.example.org/' });
    expect(await dispatch('updates.download', undefined)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatch('updates.install', undefined)).toMatchObject({ ok: false, error: { code: 'conflict', message: 'There is no downloaded update to install.' } });
    expect(await dispatch('updates.check', { now: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('checks by itself after start and then every few hours, but never downloads by itself', async () => {
    const { svc, engine, clock } = service({ stored: 'https://mine.example.org/', timings: { firstCheckAfterMs: 60_000, checkEveryMs: 6 * 60 * 60_000 } });
    if (!engine) throw new Error('engine');
    engine.latest = '1.3.0';
    clock.advance(59_999);
    expect(engine.checks).toBe(0);
    clock.advance(1);
    await settle();
    expect(engine.checks).toBe(1);
    expect(svc.status().phase).toBe('available');
    clock.advance(6 * 60 * 60_000);
    await settle();
    // Still "available": an automatic check does not re-check over a found update, nor download it.
    expect(engine.checks).toBe(1);
    expect(engine.pendingDownload).toBeNull();
    expect(clock.pendingTimers()).toBe(1);
  });

  it('a new feed drops the old one\'s work', async () => {
    const { svc, engine, dispatch } = service({ stored: 'https://mine.example.org/' });
    if (!engine) throw new Error('engine');
    engine.latest = '1.3.0';
    await svc.handlers.updatesCheck();
    const downloading = svc.handlers.updatesDownload();
    // Settings cannot change the feed mid-download (its control is disabled) …
    expect(svc.status().actions.configure).toBe(false);
    // … and if it is changed anyway, the download stops and its end changes nothing.
    await dispatch('updates.setFeed', { feedUrl: 'https://other.example.org/' });
    expect(engine.pendingDownload?.signal.aborted).toBe(true);
    engine.pendingDownload?.resolve();
    await downloading;
    expect(svc.status()).toMatchObject({ phase: 'idle', feed: { url: 'https://other.example.org/' } });
  });
});

describe('Windows: the publisher signature', () => {
  it('with the publisher named by the policy, the engine gets it and the download is offered', async () => {
    const { svc, engine } = service({ platform: 'win32', policy: { windowsPublisherNames: ['Example Org Ltd'] }, stored: 'https://mine.example.org/' });
    if (!engine) throw new Error('engine');
    expect(engine.feeds).toEqual([{ url: 'https://mine.example.org/', windowsPublisherNames: ['Example Org Ltd'] }]);
    engine.latest = '1.3.0';
    expect((await svc.handlers.updatesCheck()).actions.download).toBe(true);
  });
});

it('every updates channel has a handler and a schema', () => {
  const { svc } = service();
  for (const method of ['updatesStatus', 'updatesCheck', 'updatesDownload', 'updatesInstall', 'updatesSetFeed'] as const) {
    expect(typeof svc.handlers[method]).toBe('function');
    expect(channels[method].channel.startsWith('updates.')).toBe(true);
  }
});
