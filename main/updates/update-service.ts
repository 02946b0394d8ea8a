// The update state machine behind the updates.* channels: off → idle → checking → up to date | available →
// downloading → downloaded → (the admin's click) install; any step may end in failed, in words. Every wait is
// capped by the Clock (a check, a download), a late answer of a step that already timed out is dropped, and
// nothing installs or restarts without the admin's click.
import { z } from 'zod';
import { setFeedInput, type UpdatePhase, type UpdateStatus } from '../../contract/index.ts';
import { AppError } from '../ipc/app-error.ts';
import type { Clock, Logger, SettingsStore } from '../ports.ts';
import { chooseFeed, type FeedChoice } from './feed.ts';
import { failureWords } from './failure-words.ts';
import type { PolicyRead } from './policy.ts';
import type { UpdateEngine } from './ports.ts';
import { decideVersion, type VersionDecision } from './version.ts';

export const updateFeedKey = 'updates.feed';
/** What Settings says (and a refused change answers) while the policy decides. */
export const managedMessage = 'Updates are managed by your organisation.';
const storedFeed = z.object({ feedUrl: setFeedInput.shape.feedUrl }).strict();

export interface UpdateTimings {
  /** The longest a check may take before it counts as failed. */
  checkDeadlineMs: number;
  /** The longest a download may take (installers are ~100 MB). */
  downloadDeadlineMs: number;
  /** First automatic check after start, then every `checkEveryMs`; null: only when asked. */
  firstCheckAfterMs: number | null;
  checkEveryMs: number;
}

export const defaultUpdateTimings: UpdateTimings = {
  checkDeadlineMs: 30_000,
  downloadDeadlineMs: 30 * 60_000,
  firstCheckAfterMs: 60_000,
  checkEveryMs: 6 * 60 * 60_000,
};

// Node fires a timer longer than 2^31-1 ms at once; no wait here needs more than a day.
const maxDelayMs = 24 * 60 * 60_000;
const clampDelay = (ms: number): number => Math.min(Math.max(0, ms), maxDelayMs);

export interface UpdateServiceOptions {
  currentVersion: string;
  /** process.platform of this machine: Windows needs a publisher to check the installer's signature against. */
  platform: string;
  /** null: this host has no updater (the browser preview). */
  engine: UpdateEngine | null;
  policy: PolicyRead;
  store: SettingsStore;
  clock: Clock;
  log: Logger;
  emit(status: UpdateStatus): void;
  timings?: Partial<UpdateTimings>;
}

export interface UpdateService {
  handlers: {
    updatesStatus(): UpdateStatus;
    updatesCheck(): Promise<UpdateStatus>;
    updatesDownload(): Promise<UpdateStatus>;
    updatesInstall(): UpdateStatus;
    updatesSetFeed(input: z.output<typeof setFeedInput>): UpdateStatus;
  };
  status(): UpdateStatus;
  dispose(): void;
}

type State =
  | { phase: 'off'; reason: string }
  | { phase: 'idle' }
  | { phase: 'checking' }
  | { phase: 'up-to-date'; decision: VersionDecision }
  | { phase: 'available'; version: string }
  | { phase: 'downloading'; version: string; percent: number }
  | { phase: 'downloaded'; version: string; installing: boolean }
  | { phase: 'failed'; message: string; version: string | null };

export function readSettingsFeed(store: SettingsStore): string | null {
  let raw: unknown;
  try {
    raw = store.get(updateFeedKey);
  } catch {
    return null;
  }
  const parsed = storedFeed.safeParse(raw);
  return parsed.success ? parsed.data.feedUrl : null;
}

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const { engine, clock, log, store, currentVersion } = options;
  const timings = { ...defaultUpdateTimings, ...options.timings };
  const notices = options.policy.notice ? [options.policy.notice] : [];
  if (options.policy.notice) log.warn('update policy ignored', { notice: options.policy.notice });

  let feed: FeedChoice = chooseFeed(options.policy.policy, readSettingsFeed(store));
  let state: State = { phase: 'idle' };
  let checkedAt: number | null = null;
  // Bumped whenever a step is superseded (a new feed, a deadline): answers of an older step are dropped.
  let generation = 0;
  let download: AbortController | null = null;
  let timer: { cancel(): void } | null = null;
  let disposed = false;

  const accept = (version: string): boolean => decideVersion(currentVersion, version).kind === 'newer';
  // Windows checks the installer's publisher (electron-updater's signature check); without a name to
  // check against, Relay Console will not install there.
  const missingPublisher = (): boolean => options.platform === 'win32' && feed.on && !feed.windowsPublisherNames;

  const offReason = (): string | null => {
    if (!engine) return 'Updates apply to the desktop app; this browser preview does not update itself.';
    if (!feed.on) return feed.reason;
    return engine.unsupportedReason();
  };

  const status = (): UpdateStatus => {
    const s = state;
    const phase: UpdatePhase = s.phase;
    const feedView = { url: feed.on ? feed.url : null, source: feed.source };
    const canCheck = phase === 'idle' || phase === 'up-to-date' || phase === 'available' || phase === 'failed';
    return {
      phase,
      message: describe(s),
      currentVersion,
      availableVersion: s.phase === 'available' || s.phase === 'downloading' || s.phase === 'downloaded' ? s.version : null,
      percent: s.phase === 'downloading' ? s.percent : null,
      checkedAt,
      feed: feedView,
      managed: feed.managed,
      notices: [...notices],
      actions: {
        check: canCheck,
        download: s.phase === 'available' && !missingPublisher(),
        install: s.phase === 'downloaded' && !s.installing,
        configure: !feed.managed && engine !== null && phase !== 'downloading',
      },
    };
  };

  const describe = (s: State): string => {
    switch (s.phase) {
      case 'off':
        return s.reason;
      case 'idle':
        return 'Not checked yet.';
      case 'checking':
        return 'Checking for updates…';
      case 'up-to-date': {
        const d = s.decision;
        if (d.kind === 'older') return `Relay Console ${currentVersion} is up to date (the update server offers ${d.version}, which is older).`;
        if (d.kind === 'prerelease-skipped') return `Relay Console ${currentVersion} is up to date (the update server offers ${d.version}, a test version, which is not installed over a release).`;
        return `Relay Console ${currentVersion} is up to date.`;
      }
      case 'available':
        return missingPublisher()
          ? `Version ${s.version} is available, but Relay Console cannot check its installer's signature here: on Windows your organisation names the publisher in the update policy file (windowsPublisherNames).`
          : `Version ${s.version} is available. Download it, then restart Relay Console to install it.`;
      case 'downloading':
        return `Downloading version ${s.version}… ${s.percent} %`;
      case 'downloaded':
        return s.installing
          ? `Restarting to install version ${s.version}…`
          : `Version ${s.version} is downloaded and verified. Restart Relay Console to install it.`;
      case 'failed':
        return s.message;
    }
  };

  const set = (next: State): void => {
    state = next;
    if (!disposed) options.emit(status());
  };

  const schedule = (ms: number | null): void => {
    timer?.cancel();
    timer = null;
    if (ms === null || disposed || state.phase === 'off') return;
    timer = clock.setTimeout(() => {
      timer = null;
      // Automatic checks only look; they never download or install.
      if (state.phase === 'idle' || state.phase === 'up-to-date' || state.phase === 'failed') void runCheck();
      schedule(timings.checkEveryMs);
    }, clampDelay(ms));
  };

  /** Applies the feed in force: the engine is pointed at it, or updates are off. */
  const applyFeed = (): void => {
    generation++;
    download?.abort();
    download = null;
    checkedAt = null;
    const reason = offReason();
    if (reason !== null || !engine || !feed.on) {
      set({ phase: 'off', reason: reason ?? 'Updates are off.' });
      schedule(null);
      return;
    }
    try {
      engine.configure({ url: feed.url, windowsPublisherNames: feed.windowsPublisherNames }, accept);
    } catch (error) {
      log.warn('the updater could not be set up', { error: error instanceof Error ? error.message : String(error) });
      set({ phase: 'off', reason: 'The updater could not be set up; the details are in the log.' });
      return;
    }
    set({ phase: 'idle' });
    schedule(timings.firstCheckAfterMs);
  };

  /** Resolves with the value, or rejects with `timeoutMessage` once `ms` passed on the Clock. */
  const withDeadline = <T>(work: Promise<T>, ms: number, onTimeout: () => void, timeoutMessage: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const deadline = clock.setTimeout(() => {
        onTimeout();
        reject(new DeadlineError(timeoutMessage));
      }, clampDelay(ms));
      work.then(
        (value) => {
          deadline.cancel();
          resolve(value);
        },
        (error: unknown) => {
          deadline.cancel();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  const runCheck = async (): Promise<UpdateStatus> => {
    if (!engine || state.phase === 'off' || state.phase === 'checking' || state.phase === 'downloading') return status();
    const mine = ++generation;
    set({ phase: 'checking' });
    try {
      const seconds = Math.round(timings.checkDeadlineMs / 1000);
      const { version } = await withDeadline(engine.check(), timings.checkDeadlineMs, () => undefined, `The update server did not answer within ${seconds} seconds.`);
      if (mine !== generation) return status();
      checkedAt = clock.now();
      const decision = decideVersion(currentVersion, version);
      if (decision.kind === 'newer') set({ phase: 'available', version: decision.version });
      else if (decision.kind === 'invalid') set({ phase: 'failed', message: `The check failed: the update server names a version Relay Console cannot read ("${decision.version}").`, version: null });
      else set({ phase: 'up-to-date', decision });
    } catch (error) {
      if (mine !== generation) return status();
      checkedAt = clock.now();
      log.warn('update check failed', { error: error instanceof Error ? error.message.slice(0, 300) : String(error) });
      set({ phase: 'failed', message: `The check failed: ${error instanceof DeadlineError ? error.message : failureWords(error, 'check')}`, version: null });
    }
    return status();
  };

  const runDownload = async (): Promise<UpdateStatus> => {
    const s = state;
    if (!engine || s.phase !== 'available') throw new AppError('conflict', s.phase === 'downloaded' ? 'This update is already downloaded.' : 'Check for updates first: there is no new version to download.');
    if (missingPublisher()) throw new AppError('unavailable', describe(s));
    const mine = ++generation;
    const version = s.version;
    const abort = new AbortController();
    download = abort;
    set({ phase: 'downloading', version, percent: 0 });
    const onProgress = (percent: number): void => {
      const whole = Math.max(0, Math.min(100, Math.floor(percent)));
      if (mine === generation && state.phase === 'downloading' && whole !== state.percent) set({ phase: 'downloading', version, percent: whole });
    };
    try {
      const minutes = Math.round(timings.downloadDeadlineMs / 60_000);
      await withDeadline(engine.download(onProgress, abort.signal), timings.downloadDeadlineMs, () => abort.abort(), `The download did not finish within ${minutes} minutes and was stopped.`);
      if (mine !== generation) return status();
      set({ phase: 'downloaded', version, installing: false });
    } catch (error) {
      if (mine !== generation) return status();
      log.warn('update download failed', { version, error: error instanceof Error ? error.message.slice(0, 300) : String(error) });
      set({ phase: 'failed', message: `The download of version ${version} failed: ${error instanceof DeadlineError ? error.message : failureWords(error, 'download')}`, version });
    } finally {
      if (download === abort) download = null;
    }
    return status();
  };

  applyFeed();

  return {
    handlers: {
      updatesStatus: status,
      async updatesCheck() {
        if (state.phase === 'off') return status();
        return runCheck();
      },
      updatesDownload: runDownload,
      updatesInstall() {
        const s = state;
        if (!engine || s.phase !== 'downloaded') throw new AppError('conflict', 'There is no downloaded update to install.');
        if (s.installing) return status();
        set({ phase: 'downloaded', version: s.version, installing: true });
        try {
          engine.install();
        } catch (error) {
          log.warn('the update could not be installed', { error: error instanceof Error ? error.message : String(error) });
          set({ phase: 'failed', message: 'The installer could not be started; the details are in the log.', version: s.version });
        }
        return status();
      },
      updatesSetFeed({ feedUrl }) {
        if (feed.managed) throw new AppError('forbidden', managedMessage);
        if (!engine) throw new AppError('unavailable', 'Updates apply to the desktop app; this browser preview does not update itself.');
        try {
          if (feedUrl === null) store.delete(updateFeedKey);
          else store.set(updateFeedKey, { feedUrl });
        } catch (error) {
          log.warn('the update server could not be saved', { error: error instanceof Error ? error.message : String(error) });
          throw new AppError('internal', 'The update server could not be saved; the details are in the log.');
        }
        feed = chooseFeed(options.policy.policy, feedUrl);
        applyFeed();
        return status();
      },
    },
    status,
    dispose() {
      disposed = true;
      generation++;
      timer?.cancel();
      timer = null;
      download?.abort();
      download = null;
    },
  };
}

class DeadlineError extends Error {}
