// The global mute shortcut over Electron's globalShortcut. register() answers false when the OS or another
// app already holds the combination; the Settings screen then says so and keeps the old state off.
import type { GlobalShortcut } from 'electron';
import type { ShortcutRegistry } from '../desktop/ports.ts';

export function createShortcutRegistry(globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>): ShortcutRegistry {
  return {
    register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
    unregister: (accelerator) => globalShortcut.unregister(accelerator),
  };
}
