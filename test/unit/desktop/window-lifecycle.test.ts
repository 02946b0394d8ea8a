import { describe, expect, it } from 'vitest';
import { closeNoticeKey, closeNoticeText, createWindowLifecycle } from '../../../main/desktop/window-lifecycle.ts';
import { memorySettings } from '../app/memory-settings.ts';

function lifecycle(platform: NodeJS.Platform = 'win32', tray = true) {
  const settings = memorySettings();
  return { settings, life: createWindowLifecycle({ platform, hasTray: () => tray, settings }) };
}

describe('closing the window', () => {
  it('hides it to the tray, with the notice only the first time ever', () => {
    const { life, settings } = lifecycle();
    expect(life.onClose()).toEqual({ hide: true, notice: true });
    expect(settings.values.get(closeNoticeKey)).toBe(true);
    expect(life.onClose()).toEqual({ hide: true, notice: false });
    // A new launch with the same settings does not show it again.
    const again = createWindowLifecycle({ platform: 'win32', hasTray: () => true, settings });
    expect(again.onClose()).toEqual({ hide: true, notice: false });
  });

  it('really closes once the app is quitting (tray Quit, Cmd+Q, the OS ending the session)', () => {
    const { life } = lifecycle();
    life.onQuitting();
    expect(life.quitting()).toBe(true);
    expect(life.onClose()).toEqual({ hide: false, notice: false });
    expect(life.shouldQuitWhenAllClosed()).toBe(true);
  });

  it('closes normally when there is no tray to come back from', () => {
    const { life } = lifecycle('linux', false);
    expect(life.onClose()).toEqual({ hide: false, notice: false });
    expect(life.shouldQuitWhenAllClosed()).toBe(true);
  });

  it('keeps the app alive with no windows while the tray is there, and on macOS always', () => {
    expect(lifecycle('win32', true).life.shouldQuitWhenAllClosed()).toBe(false);
    expect(lifecycle('darwin', false).life.shouldQuitWhenAllClosed()).toBe(false);
  });

  it('re-shows the window when the macOS dock icon is clicked', () => {
    const { life } = lifecycle('darwin');
    expect(life.onActivate({ hasWindow: true, visible: false })).toBe('show');
    expect(life.onActivate({ hasWindow: true, visible: true })).toBe('none');
    expect(life.onActivate({ hasWindow: false, visible: false })).toBe('create');
  });

  it('hides anyway when the settings file cannot be written', () => {
    const settings = { get: () => undefined, set: () => { throw new Error('disk full'); }, delete: () => {} };
    const life = createWindowLifecycle({ platform: 'win32', hasTray: () => true, settings });
    expect(life.onClose()).toEqual({ hide: true, notice: true });
  });

  it('names the tray the way each OS does', () => {
    expect(closeNoticeText('darwin').body).toContain('menu bar');
    expect(closeNoticeText('win32').body).toContain('notification area');
    expect(closeNoticeText('linux').body).toContain('system tray');
  });
});
