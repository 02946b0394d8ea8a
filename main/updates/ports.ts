// The one port of the update logic: the engine that reads a feed, downloads and verifies an update and
// installs it. In the app it is electron-updater (main/app/updater.ts); tests drive electron-updater's own
// classes under Node, or a fake.

export interface UpdateFeed {
  /** The generic feed: a folder with latest.yml (latest-mac.yml, latest-linux.yml) and the installers. */
  url: string;
  /** Windows: the publishers the installer must be signed by; null: none known. */
  windowsPublisherNames: readonly string[] | null;
}

export interface UpdateEngine {
  /** Why this installation cannot update itself (a development build), or null. */
  unsupportedReason(): string | null;
  /**
   * Points the engine at a feed. `accept` is the version decision (main/updates/version.ts): the engine
   * offers, downloads and installs only a version it accepts.
   */
  configure(feed: UpdateFeed, accept: (version: string) => boolean): void;
  /** Reads the feed's latest version. Rejects with the engine's error (see failure-words.ts). */
  check(): Promise<{ version: string }>;
  /** Downloads the version the last check found and verifies it; rejects when it does not verify. */
  download(onProgress: (percent: number) => void, signal: AbortSignal): Promise<void>;
  /** Quits the app and runs the downloaded installer, then starts the new version. */
  install(): void;
}
