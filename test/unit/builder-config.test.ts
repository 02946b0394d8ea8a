// electron-builder.yml checked offline with electron-builder's own schema (the same check `electron-builder`
// runs before packaging), plus the settings this app depends on: targets per OS and the fuses.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';

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

  it('rejects a broken configuration (the check is real)', async () => {
    const config = await load();
    const broken = { ...config, asar: 'yes', linuxx: { target: 'deb' } } as unknown as Configuration;
    await expect(validate(broken)).rejects.toThrow(/Invalid configuration object[\s\S]*linuxx[\s\S]*asar/);
    const badFuse = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } } as unknown as Configuration;
    await expect(validate(badFuse)).rejects.toThrow(/configuration\.electronFuses/);
  });
});
