// A hand-written stand-in for the parts of `electron` the shell uses. It records what the shell did
// (handlers bound, schemes registered, windows opened) so tests can assert it under plain Node.
import type { CustomScheme, MenuItemConstructorOptions } from 'electron';
import type { InvokeListener } from '../../../main/app/ipc-binding.ts';
import type { ShellElectron } from '../../../main/app/shell.ts';
import type { Rect } from '../../../main/app/window-state.ts';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped = (...args: never[]): unknown => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron event object: records preventDefault. */
export function fakeEvent<T extends object>(params: T = {} as T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends FakeEmitter {
  url = '';
  loading = false;
  readonly sent: Array<[string, unknown]> = [];
  isLoading(): boolean {
    return this.loading;
  }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]]);
  }
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export interface FakeWindowOptions {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  show?: boolean;
  webPreferences?: Record<string, unknown>;
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  visible: boolean;
  minimized = false;
  maximized = false;
  focused = false;
  destroyed = false;
  bounds: Rect;

  readonly options: FakeWindowOptions;

  constructor(options: FakeWindowOptions) {
    super();
    this.options = options;
    this.visible = options.show ?? true;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
  }
  isFocused(): boolean {
    return this.focused;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  minimize(): void {
    this.minimized = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): Rect {
    return this.bounds;
  }
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return; // as in Electron: a prevented close keeps the window
    this.destroyed = true;
    this.emit('closed');
  }
}

type InvokeHandler = InvokeListener;

export interface FakeElectronOptions {
  /** What requestSingleInstanceLock returns: false means another instance holds it. */
  lock?: boolean;
  isPackaged?: boolean;
  /** Work areas of the displays; the first is the primary. */
  displays?: Rect[];
}

export function createFakeElectron(options: FakeElectronOptions = {}) {
  FakeBrowserWindow.instances = [];
  /** Every call in order, to check what happened before `ready`. */
  const calls: string[] = [];
  let readyResolve: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (readyResolve = resolve));

  const app = new (class FakeApp extends FakeEmitter {
    isPackaged = options.isPackaged ?? false;
    quitCalls = 0;
    sandboxEnabled = false;
    requestSingleInstanceLock(): boolean {
      calls.push('requestSingleInstanceLock');
      return options.lock ?? true;
    }
    quit(): void {
      calls.push('quit');
      this.quitCalls++;
    }
    enableSandbox(): void {
      calls.push('enableSandbox');
      this.sandboxEnabled = true;
    }
    whenReady(): Promise<void> {
      return readyPromise.then(() => void calls.push('ready'));
    }
    getName(): string {
      return 'Relay Console';
    }
  })();

  const ipcMain = {
    handlers: new Map<string, InvokeHandler>(),
    handle(channel: string, handler: InvokeHandler): void {
      // Like Electron: a second handler for the same channel is an error.
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      this.handlers.delete(channel);
    },
  };

  type ProtocolHandler = (request: { url: string; method: string }) => Promise<Response>;
  const protocol = {
    privileged: [] as CustomScheme[],
    handlers: new Map<string, ProtocolHandler>(),
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
      calls.push('registerSchemesAsPrivileged');
      this.privileged.push(...schemes);
    },
    handle(scheme: string, handler: ProtocolHandler): void {
      calls.push(`protocol.handle:${scheme}`);
      this.handlers.set(scheme, handler);
    },
  };

  type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  // An emitter, like Electron's Session: 'will-download' arrives on it.
  const defaultSession = Object.assign(new FakeEmitter(), {
    permissionRequest: null as PermissionRequest | null,
    permissionCheck: null as ((...args: unknown[]) => boolean) | null,
    devicePermission: null as ((...args: unknown[]) => boolean) | null,
    setPermissionRequestHandler(handler: PermissionRequest): void {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
      this.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
      this.devicePermission = handler;
    },
  });

  const Menu = {
    applicationMenu: null as { template: MenuItemConstructorOptions[] } | null,
    buildFromTemplate(template: MenuItemConstructorOptions[]) {
      return { template };
    },
    setApplicationMenu(menu: { template: MenuItemConstructorOptions[] } | null): void {
      this.applicationMenu = menu;
    },
  };

  const workAreas = options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1040 }];
  const screen = {
    getAllDisplays: () => workAreas.map((workArea) => ({ workArea })),
    getPrimaryDisplay: () => ({ workArea: workAreas[0] }),
  };

  const fake = { app, BrowserWindow: FakeBrowserWindow, ipcMain, protocol, session: { defaultSession }, Menu, screen };
  return {
    ...fake,
    calls,
    /** Emits `ready`: the shell's whenReady() continuation runs after this. */
    ready: () => readyResolve(),
    // The one cast: the fake implements only what the shell calls, not all of electron.d.ts.
    electron: fake as unknown as ShellElectron,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
