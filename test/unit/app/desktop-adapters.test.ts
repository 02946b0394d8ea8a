import { describe, expect, it, vi } from 'vitest';
import { createConfirmer } from '../../../main/app/confirm-dialog.ts';
import { createLoginItem, hiddenFlag, openedAtLogin } from '../../../main/app/login-item.ts';
import { createElectronNotifier } from '../../../main/app/notifier.ts';
import { createShortcutRegistry } from '../../../main/app/shortcut.ts';
import { createFakeDesktopElectron, FakeNotification } from './fake-desktop.ts';

describe('Electron notifier', () => {
  it('shows a Notification and hands its target to the click handler', () => {
    const fake = createFakeDesktopElectron();
    const onClick = vi.fn();
    const notifier = createElectronNotifier(fake.electron.Notification, { icon: '/res/tray/app-256.png', onClick });
    expect(notifier.supported()).toBe(true);
    notifier.notify({ title: 'Lobby went offline', body: 'HQ', target: { route: 'rooms', roomKey: 'c1/lobby' } });
    const n = FakeNotification.instances[0] as FakeNotification;
    expect(n.shown).toBe(true);
    expect(n.options).toEqual({ title: 'Lobby went offline', body: 'HQ', icon: '/res/tray/app-256.png' });
    n.emit('click');
    expect(onClick).toHaveBeenCalledWith({ route: 'rooms', roomKey: 'c1/lobby' });
  });

  it('reports when the OS has no notifications', () => {
    const fake = createFakeDesktopElectron();
    FakeNotification.supported = false;
    expect(createElectronNotifier(fake.electron.Notification, { icon: null, onClick: () => {} }).supported()).toBe(false);
  });
});

describe('login item', () => {
  it('Windows: a Run entry with --hidden, read back with the same arguments', () => {
    const fake = createFakeDesktopElectron();
    const item = createLoginItem(fake.electron.loginItems, 'win32');
    expect(item.unsupportedReason()).toBeNull();
    item.set(true);
    expect(fake.login.sets).toEqual([{ openAtLogin: true, args: [hiddenFlag] }]);
    expect(item.get()).toBe(true);
  });

  it('macOS: a login item; a login start is told apart by wasOpenedAtLogin', () => {
    const fake = createFakeDesktopElectron({ loginItem: { openAtLogin: true, wasOpenedAtLogin: true } });
    const item = createLoginItem(fake.electron.loginItems, 'darwin');
    item.set(false);
    expect(fake.login.sets).toEqual([{ openAtLogin: false }]);
    expect(openedAtLogin(fake.electron.loginItems, 'darwin', [])).toBe(true);
    expect(openedAtLogin(fake.electron.loginItems, 'win32', ['relay-console.exe'])).toBe(false);
    expect(openedAtLogin(fake.electron.loginItems, 'win32', ['relay-console.exe', hiddenFlag])).toBe(true);
  });

  it('Linux: not supported by Electron, and says where to do it instead', () => {
    const fake = createFakeDesktopElectron();
    const item = createLoginItem(fake.electron.loginItems, 'linux');
    expect(item.unsupportedReason()).toMatch(/Startup Applications/);
    item.set(true);
    expect(fake.login.sets).toEqual([]);
    expect(item.get()).toBeNull();
  });
});

describe('confirm dialog and shortcut registry', () => {
  it('asks with Cancel as the default, and answers true only for the confirm button', async () => {
    const fake = createFakeDesktopElectron();
    const confirmer = createConfirmer(fake.electron.dialog);
    const q = { title: 'Hang up', message: 'Hang up Lobby?', detail: '…', confirmLabel: 'Hang up' };
    fake.answerDialog(1);
    expect(await confirmer.confirm(q)).toBe(false);
    fake.answerDialog(0);
    expect(await confirmer.confirm(q)).toBe(true);
    expect(fake.dialogs[0]).toMatchObject({ buttons: ['Hang up', 'Cancel'], defaultId: 1, cancelId: 1 });
  });

  it('passes registration through, false when the combination is taken', () => {
    const fake = createFakeDesktopElectron();
    const registry = createShortcutRegistry(fake.electron.globalShortcut);
    expect(registry.register('Ctrl+Alt+M', () => {})).toBe(true);
    expect(registry.register('Ctrl+Alt+M', () => {})).toBe(false);
    registry.unregister('Ctrl+Alt+M');
    expect(fake.shortcuts.size).toBe(0);
  });
});
