import { describe, expect, it } from 'vitest';
import { checkAccelerator, defaultDesktopSettings, type DesktopSettings, type DesktopSettingsView } from '../../../contract/index.ts';
import { createCore } from '../../../main/core.ts';
import type { DesktopRuntime } from '../../../main/desktop/ports.ts';
import { applyPatch, createDesktopSettings, desktopSettingsKey, previewSupport, readDesktopSettings } from '../../../main/desktop/settings.ts';
import { silentLogger } from '../../../main/ports.ts';
import { memorySettings } from '../app/memory-settings.ts';

describe('the global shortcut accelerator', () => {
  it.each([
    ['CommandOrControl+Alt+M', 'CommandOrControl+Alt+M'],
    ['ctrl+shift+f9', 'Ctrl+Shift+F9'],
    ['Super+Space', 'Super+Space'],
    ['Alt+num5', 'Alt+num5'],
    ['Ctrl++', 'Ctrl+Plus'],
    [' cmdorctrl + alt + up ', 'CmdOrCtrl+Alt+Up'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(checkAccelerator(input)).toEqual({ ok: true, accelerator: canonical });
  });

  it.each([
    ['', /Type a key combination/],
    ['M', /needs Ctrl, Alt, Command or Super/],
    ['Shift+M', /needs Ctrl, Alt, Command or Super/],
    ['Ctrl+Alt', /needs a key after the modifiers/],
    ['Ctrl+Ctrl+M', /appears twice/],
    ['Hyper+M', /not a modifier key/],
    ['Ctrl+Banana', /not a key Electron knows/],
    ['Ctrl+F25', /not a key Electron knows/],
    ['Ctrl+M+K', /not a modifier key/],
    ['Ctrl+', /Join the keys/],
  ])('refuses %j in words', (input, message) => {
    const result = checkAccelerator(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('stored desktop settings', () => {
  it('defaults: every notification on, quiet off, no login start, no shortcut', () => {
    expect(readDesktopSettings(memorySettings())).toEqual(defaultDesktopSettings);
    expect(defaultDesktopSettings.muteShortcut).toBeNull();
  });

  it('keeps the valid fields of a damaged value and defaults the rest', () => {
    const store = memorySettings({
      [desktopSettingsKey]: { notifications: { 'room-offline': false, 'call-dropped': 'yes' }, quiet: true, startAtLogin: 'no', muteShortcut: 'Banana' },
    });
    expect(readDesktopSettings(store)).toEqual({
      ...defaultDesktopSettings,
      notifications: { ...defaultDesktopSettings.notifications, 'room-offline': false },
      quiet: true,
    });
  });

  it('applies a patch field by field and validates it', () => {
    const next = applyPatch(defaultDesktopSettings, { notifications: { 'action-failed': false }, muteShortcut: 'ctrl+alt+m' });
    expect(next.notifications).toEqual({ ...defaultDesktopSettings.notifications, 'action-failed': false });
    expect(next.muteShortcut).toBe('Ctrl+Alt+M');
    expect(applyPatch(next, { muteShortcut: null }).muteShortcut).toBeNull();
    expect(() => applyPatch(next, { muteShortcut: 'M' })).toThrow();
  });
});

describe('desktop.settings channels', () => {
  function fakeRuntime(): DesktopRuntime & { applied: DesktopSettings[] } {
    const applied: DesktopSettings[] = [];
    return {
      applied,
      support: () => ({ desktopApp: true, tray: true, notifications: true, startAtLogin: true, shortcut: true, reason: null }),
      apply(settings) {
        applied.push(settings);
        return {
          shortcut: settings.muteShortcut === 'Ctrl+Alt+X' ? { state: 'unavailable', accelerator: 'Ctrl+Alt+X', message: 'taken' } : settings.muteShortcut ? { state: 'active', accelerator: settings.muteShortcut } : { state: 'off' },
          loginItemActive: settings.startAtLogin,
        };
      },
    };
  }

  it('applies the stored settings at start, then each change, saves it and tells every window', () => {
    const store = memorySettings({ [desktopSettingsKey]: { ...defaultDesktopSettings, quiet: true } });
    const runtime = fakeRuntime();
    const emitted: DesktopSettingsView[] = [];
    const module = createDesktopSettings({ store, runtime, emit: (v) => emitted.push(v), log: silentLogger });
    expect(runtime.applied).toEqual([{ ...defaultDesktopSettings, quiet: true }]);
    const view = module.handlers.desktopSettingsSet({ muteShortcut: 'Ctrl+Alt+X', startAtLogin: true });
    expect(view.shortcut).toEqual({ state: 'unavailable', accelerator: 'Ctrl+Alt+X', message: 'taken' });
    expect(view.loginItemActive).toBe(true);
    expect(store.values.get(desktopSettingsKey)).toMatchObject({ muteShortcut: 'Ctrl+Alt+X', startAtLogin: true, quiet: true });
    expect(emitted).toEqual([view]);
  });

  it('goes through the core: inputs validated by the contract, a bad accelerator refused in words', async () => {
    const settings = memorySettings();
    const runtime = fakeRuntime();
    const core = createCore({ host: { kind: 'electron', version: '0.1.0', platform: 'linux', electronVersion: '45.4.1' }, settings, desktop: runtime, startDemoSim: null });
    const events: string[] = [];
    core.subscribe((event) => events.push(event));
    const bad = await core.dispatch('desktop.settings.set', { muteShortcut: 'Shift+M' });
    expect(bad).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/needs Ctrl, Alt, Command or Super/) } });
    const extra = await core.dispatch('desktop.settings.set', { quiet: true, volume: 11 });
    expect(extra.ok).toBe(false);
    const good = await core.dispatch('desktop.settings.set', { muteShortcut: 'cmdorctrl+alt+m' });
    expect(good).toMatchObject({ ok: true, value: { settings: { muteShortcut: 'CmdOrCtrl+Alt+M' }, shortcut: { state: 'active' } } });
    expect(events).toContain('desktop.settings');
    expect(await core.dispatch('desktop.settings.get', undefined)).toEqual(good);
    await core.dispose();
  });

  it('in the preview host (no runtime): keeps the values and says they apply to the desktop app', async () => {
    const core = createCore({ host: { kind: 'preview', version: '0.1.0', platform: 'linux', electronVersion: null }, startDemoSim: null });
    const r = await core.dispatch('desktop.settings.get', undefined);
    expect(r).toMatchObject({ ok: true, value: { support: previewSupport, shortcut: { state: 'off' } } });
    expect(previewSupport.reason).toMatch(/apply to the desktop app/);
    const set = await core.dispatch('desktop.settings.set', { quiet: true });
    expect(set).toMatchObject({ ok: true, value: { settings: { quiet: true } } });
    await core.dispose();
  });
});
