// The TrayView port over Electron's Tray: the icon per health, the tooltip, and the menu built from the
// plain model (main/desktop/tray-model.ts). Each part is set only when it changed, and only because the
// model changed (main/desktop redraws on state changes, never on a timer).
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { TrayView } from '../desktop/ports.ts';
import { trayIconFile } from '../desktop/tray-icons.ts';
import type { TrayAction, TrayHealth, TrayMenuItem, TrayModel } from '../desktop/tray-model.ts';

export interface TrayElectron {
  Tray: new (image: NativeImage) => Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  nativeImage: { createFromPath(path: string): NativeImage };
}

export interface ElectronTrayOptions {
  iconDir: string;
  platform: NodeJS.Platform;
  onAction(action: TrayAction): void;
}

/** Windows and Linux read "&" in a menu label as an access-key marker; "&&" shows one "&". */
function labelFor(label: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? label : label.replaceAll('&', '&&');
}

/** The Menu.buildFromTemplate template for a model's items (pure; unit-tested). */
export function trayMenuTemplate(items: readonly TrayMenuItem[], platform: NodeJS.Platform, onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'checkbox': {
        const action = item.action;
        return { type: 'checkbox', label: labelFor(item.label, platform), checked: item.checked, enabled: item.enabled, click: () => onAction(action) };
      }
      case 'submenu':
        return { label: labelFor(item.label, platform), enabled: item.enabled, submenu: trayMenuTemplate(item.items, platform, onAction) };
      case 'item': {
        const action = item.action;
        return { label: labelFor(item.label, platform), enabled: item.enabled, ...(action ? { click: () => onAction(action) } : {}) };
      }
    }
  });
}

export function createElectronTray(electron: TrayElectron, options: ElectronTrayOptions): TrayView {
  const images = new Map<TrayHealth, NativeImage>();
  const image = (health: TrayHealth): NativeImage => {
    let img = images.get(health);
    if (!img) {
      // On macOS a file named *Template.png becomes a template image (tinted for light and dark menu bars).
      img = electron.nativeImage.createFromPath(join(options.iconDir, trayIconFile(health, options.platform)));
      images.set(health, img);
    }
    return img;
  };

  const tray = new electron.Tray(image('ok'));
  let last: TrayModel | null = null;
  // Windows: a left click opens the dashboard, as tray apps do there (the menu is on the right button).
  if (options.platform === 'win32') tray.on('click', () => options.onAction({ kind: 'open-dashboard' }));

  return {
    update(model) {
      if (!last || last.health !== model.health) tray.setImage(image(model.health));
      if (!last || last.tooltip !== model.tooltip) tray.setToolTip(model.tooltip);
      if (!last || !isDeepStrictEqual(last.items, model.items)) {
        tray.setContextMenu(electron.Menu.buildFromTemplate(trayMenuTemplate(model.items, options.platform, options.onAction)));
      }
      last = model;
    },
    destroy() {
      tray.destroy();
    },
  };
}
