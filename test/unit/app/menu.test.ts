import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { applicationMenuTemplate } from '../../../main/app/menu.ts';

function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}

const menu = (platform: NodeJS.Platform, isPackaged: boolean) => applicationMenuTemplate({ appName: 'Relay Console', platform, isPackaged, onCheckForUpdates: () => undefined });

describe('application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('has the edit roles that make copy and paste work (%s)', (platform) => {
    expect(roles(menu(platform, true))).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
  });

  it.each(['linux', 'win32', 'darwin'] as const)('has no DevTools when packaged, and has them in development (%s)', (platform) => {
    expect(roles(menu(platform, true))).not.toContain('toggleDevTools');
    expect(roles(menu(platform, true))).not.toContain('forceReload');
    expect(roles(menu(platform, false))).toContain('toggleDevTools');
  });

  it('starts with the app menu on macOS only, and everyone can quit', () => {
    const mac = menu('darwin', true);
    expect(mac[0]?.label).toBe('Relay Console');
    expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
    const linux = menu('linux', true);
    expect(linux.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'Window', 'help']);
    expect(roles(linux)).toEqual(expect.arrayContaining(['quit', 'about', 'togglefullscreen', 'zoomIn', 'zoomOut', 'resetZoom', 'reload']));
  });
});

describe('Check for updates…', () => {
  const find = (items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined => {
    for (const item of items) {
      if (item.id === 'check-for-updates') return item;
      const inner = Array.isArray(item.submenu) ? find(item.submenu as MenuItemConstructorOptions[]) : undefined;
      if (inner) return inner;
    }
    return undefined;
  };

  it.each([
    ['darwin', 'Relay Console'],
    ['linux', 'help'],
    ['win32', 'help'],
  ] as const)('sits in the menu where %s users look for it (%s) and calls back on click', (platform, top) => {
    let clicks = 0;
    const template = applicationMenuTemplate({ appName: 'Relay Console', platform, isPackaged: true, onCheckForUpdates: () => void clicks++ });
    const holder = template.find((m) => (m.label ?? m.role) === top);
    const item = find(holder ? [holder] : []);
    expect(item?.label).toBe('Check for updates…');
    (item?.click as unknown as () => void)();
    expect(clicks).toBe(1);
  });
});
