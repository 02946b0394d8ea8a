// The application menu. Edit roles are not decoration: without them copy and paste shortcuts do nothing
// on macOS. DevTools exist only in development (the packaged window has devTools: false as well).
// "Check for updates…" sits where each OS puts it: the app menu on macOS, Help elsewhere.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuInput {
  appName: string;
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** "Check for updates…": opens Settings → Updates and starts a check. */
  onCheckForUpdates(): void;
}

export const checkForUpdatesLabel = 'Check for updates…';

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function applicationMenuTemplate({ appName, platform, isPackaged, onCheckForUpdates }: MenuInput): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const checkForUpdates: MenuItemConstructorOptions = { id: 'check-for-updates', label: checkForUpdatesLabel, click: () => onCheckForUpdates() };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            checkForUpdates,
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [];

  return [
    ...appMenu,
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const, { role: 'delete' } as const] : []),
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(isPackaged ? [] : [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const]),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Window',
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
    // `about` sits in the app menu on macOS; elsewhere it belongs under Help.
    ...(isMac ? [] : [{ role: 'help', submenu: [checkForUpdates, separator, { role: 'about' }] } satisfies MenuItemConstructorOptions]),
  ];
}
