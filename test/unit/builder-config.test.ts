// electron-builder.yml checked offline with electron-builder's own schema (the same check `electron-builder`
// runs before packaging), plus the settings this app depends on: targets per OS and the fuses.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { allTrayIconFiles, trayIconFile } from '../../main/desktop/tray-icons.ts';

const projectDir = resolve(import.meta.dirname, '../..');
const load = () => getConfig(projectDir, 'electron-builder.yml', null);
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));

/** A target list as written in the file: names, or {target} objects. */
function targets(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.map((t: unknown) => (typeof t === 'string' ? t : String((t as { target?: unknown }).target)));
}

/** `files` after loading: electron-builder normalises the list into `{ filter: [...] }` entries. */
function filePatterns(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.flatMap((entry: unknown) =>
    typeof entry === 'string' ? [entry] : ((entry as { filter?: string | string[] }).filter ?? []),
  );
}

/** Width and height from a PNG's IHDR chunk; throws on anything that is not a PNG. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a' || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') {
    throw new Error(`${path} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The sizes inside an .ico (0 in the directory means 256). */
function icoSizes(path: string): number[] {
  const bytes = readFileSync(path);
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1);
  const count = bytes.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => bytes.readUInt8(6 + i * 16) || 256);
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(await load())).resolves.toBeUndefined();
  });

  it('names the app and packages only the build output, in an asar', async () => {
    const config = await load();
    expect(config.appId).toBe('com.relayconsole.app');
    expect(config.productName).toBe('Relay Console');
    expect(config.directories?.output).toBe('release');
    expect(filePatterns(config.files)).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
  });

  it('builds an installer for each OS', async () => {
    const config = await load();
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual(['dmg', 'zip']);
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(existsSync(resolve(projectDir, 'build/entitlements.mac.plist'))).toBe(true);
    expect(config.linux?.desktop?.entry?.['Categories']).toMatch(/Network/);
  });

  it('flips the fuses that close run-as-node, NODE_OPTIONS, --inspect and loose app loading', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('has icons for every platform, generated from the one source image', async () => {
    const config = await load();
    expect(existsSync(resolve(projectDir, 'build/icon.svg'))).toBe(true);
    expect(config.mac?.icon).toBe('build/icon.png');
    expect(pngSize(resolve(projectDir, 'build/icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(config.win?.icon).toBe('build/icon.ico');
    expect(icoSizes(resolve(projectDir, 'build/icon.ico'))).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(config.linux?.icon).toBe('build/icons');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(resolve(projectDir, `build/icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it('ships the tray images next to app.asar, one per health state and OS', async () => {
    const config = await load();
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'build/tray', to: 'tray' })]);
    const trayDir = resolve(projectDir, 'build/tray');
    for (const file of allTrayIconFiles()) expect(existsSync(join(trayDir, file)), file).toBe(true);
    for (const health of ['ok', 'degraded', 'attention'] as const) {
      expect(pngSize(join(trayDir, `${health}.png`))).toEqual({ width: 16, height: 16 });
      expect(pngSize(join(trayDir, `${health}@2x.png`))).toEqual({ width: 32, height: 32 });
      expect(pngSize(join(trayDir, trayIconFile(health, 'linux')))).toEqual({ width: 32, height: 32 });
      expect(icoSizes(join(trayDir, trayIconFile(health, 'win32')))).toEqual(expect.arrayContaining([16, 24, 32]));
    }
    // macOS tints a *Template image for light and dark menu bars; the calm state is one.
    expect(trayIconFile('ok', 'darwin')).toMatch(/Template\.png$/);
    expect(pngSize(join(trayDir, 'okTemplate@2x.png'))).toEqual({ width: 32, height: 32 });
  });

  it('leaves notarization and auto-update to whoever has the credentials', async () => {
    const config = await load();
    // Not `false`: electron-builder then notarizes exactly when APPLE_* credentials are in the environment.
    expect(config.mac?.notarize).toBeUndefined();
    expect(config.publish).toBeNull();
  });

  it('gives Linux a desktop entry and the deb its maintainer (package.json homepage and author email)', async () => {
    const config = await load();
    const entry = config.linux?.desktop?.entry ?? {};
    expect(entry['Name']).toBe('Relay Console');
    expect(entry['Comment']).toMatch(/rooms/);
    expect(entry['Categories']).toMatch(/Network/);
    expect(config.linux?.maintainer).toMatch(/<[^@\s]+@[^@\s]+>/);
    const pkg = JSON.parse(readFileSync(resolve(projectDir, 'package.json'), 'utf8')) as { homepage?: string; author?: { email?: string } };
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.email).toMatch(/@/);
  });

  it('rejects a broken configuration (the check is real)', async () => {
    const config = await load();
    const broken = { ...config, asar: 'yes', linuxx: { target: 'deb' } } as unknown as Configuration;
    await expect(validate(broken)).rejects.toThrow(/Invalid configuration object[\s\S]*linuxx[\s\S]*asar/);
    const badFuse = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } } as unknown as Configuration;
    await expect(validate(badFuse)).rejects.toThrow(/configuration\.electronFuses/);
  });
});
