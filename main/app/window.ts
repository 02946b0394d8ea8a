// The main window: the webPreferences that make the renderer a sandboxed web page with no Node, and the
// small lifecycle around it (show when painted, remember bounds on close).
import type { BrowserWindow, BrowserWindowConstructorOptions, Screen, WebPreferences } from 'electron';
import type { SettingsStore } from '../ports.ts';
import { loadWindowState, minimumWindowSize, saveWindowState, type Rect } from './window-state.ts';

export interface WindowOptionsInput {
  preloadPath: string;
  bounds: Rect;
  /** DevTools are for development; a packaged app has none to open. */
  isPackaged: boolean;
}

/** The renderer's webPreferences: every security switch written out, even where it is the default. */
export function secureWebPreferences(preloadPath: string, isPackaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: !isPackaged,
  };
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: 'Relay Console',
    // Hidden until the first paint, so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#1b1d23',
    webPreferences: secureWebPreferences(input.preloadPath, input.isPackaged),
  };
}

export interface CreateWindowDeps {
  BrowserWindow: typeof BrowserWindow;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
}

export interface CreateWindowOptions {
  preloadPath: string;
  url: string;
  isPackaged: boolean;
  settings: SettingsStore;
  onLoadFailed(message: string): void;
  /** false: stay hidden once painted (a login start lives in the tray). Default true. */
  showOnReady?: boolean;
}

export function createMainWindow(deps: CreateWindowDeps, options: CreateWindowOptions): BrowserWindow {
  const workAreas = deps.screen.getAllDisplays().map((d) => d.workArea);
  const state = loadWindowState(options.settings, workAreas, deps.screen.getPrimaryDisplay().workArea);
  const { maximized, ...bounds } = state;
  const win = new deps.BrowserWindow(mainWindowOptions({ preloadPath: options.preloadPath, bounds, isPackaged: options.isPackaged }));
  win.once('ready-to-show', () => {
    if (options.showOnReady === false) return;
    if (maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      saveWindowState(options.settings, win.getNormalBounds(), win.isMaximized());
    } catch {
      // Losing the remembered position is not worth keeping the window from closing.
    }
  });
  win.loadURL(options.url).catch((error: unknown) => {
    options.onLoadFailed(error instanceof Error ? error.message : String(error));
  });
  return win;
}
