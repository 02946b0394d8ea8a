import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createElectronTray, trayMenuTemplate } from '../../../main/app/tray.ts';
import { buildTrayModel, type TrayAction } from '../../../main/desktop/tray-model.ts';
import { connection, inCall, room } from '../desktop/fixtures.ts';
import { createFakeDesktopElectron, FakeTray } from './fake-desktop.ts';

const model = (rooms = [inCall('Board Room')], state: 'connected' | 'reconnect-needed' = 'connected') =>
  buildTrayModel({ rooms, connections: [connection('Acme HQ', { state })], poller: { paused: false, hosts: [] }, incidents: new Set(), now: 0 });

type Click = (...args: unknown[]) => void;

describe('tray menu template', () => {
  it('turns the model into Menu.buildFromTemplate items whose clicks send the action ids', () => {
    const onAction = vi.fn<(a: TrayAction) => void>();
    const template = trayMenuTemplate(model().items, 'linux', onAction);
    const roomMenu = template.find((i) => i.submenu) as MenuItemConstructorOptions;
    expect(roomMenu.label).toBe('Board Room — in a call');
    const sub = roomMenu.submenu as MenuItemConstructorOptions[];
    expect(sub.map((i) => i.label ?? i.type)).toEqual(['Mute', 'Hang up…', 'separator', 'Open in dashboard']);
    (sub[0]?.click as Click)();
    (template.find((i) => i.label === 'Quit Relay Console')?.click as Click)();
    expect(onAction.mock.calls).toEqual([[{ kind: 'mute', key: 'c1/board-room' }], [{ kind: 'quit' }]]);
    expect(template.find((i) => i.type === 'checkbox')).toMatchObject({ label: 'Pause polling', checked: false, enabled: true });
    // Information lines are disabled and do nothing.
    expect(template[0]).toEqual({ label: 'The room is fine', enabled: false });
    expect(template[0]?.click).toBeUndefined();
  });

  it('escapes "&" where it would be read as an access key (Windows, Linux), not on macOS', () => {
    const items = model([inCall('R&D Lab')]).items;
    expect(trayMenuTemplate(items, 'win32', () => {}).find((i) => i.submenu)?.label).toBe('R&&D Lab — in a call');
    expect(trayMenuTemplate(items, 'darwin', () => {}).find((i) => i.submenu)?.label).toBe('R&D Lab — in a call');
  });
});

describe('Electron tray adapter', () => {
  it('picks the icon per health and OS, and sets image, tooltip and menu only when they change', () => {
    const fake = createFakeDesktopElectron();
    const view = createElectronTray(fake.electron, { iconDir: '/res/tray', platform: 'darwin', onAction: () => {} });
    const tray = FakeTray.instances[0] as FakeTray;
    expect(tray.image).toBe('/res/tray/okTemplate.png');
    const calm = model();
    view.update(calm);
    expect(tray.calls).toEqual(['setImage', 'setToolTip', 'setContextMenu']);
    expect(tray.tooltip).toBe(calm.tooltip);
    tray.calls.length = 0;
    view.update(model());
    expect(tray.calls).toEqual([]);
    view.update(model([inCall('Board Room')], 'reconnect-needed'));
    expect(tray.image).toBe('/res/tray/attention.png');
    expect(tray.calls).toEqual(['setImage', 'setToolTip', 'setContextMenu']);
    tray.calls.length = 0;
    view.update(model([inCall('Board Room', { muted: true })], 'reconnect-needed'));
    expect(tray.calls).toEqual(['setContextMenu']);
    view.destroy();
    expect(tray.destroyed).toBe(true);
  });

  it('uses .ico on Windows, where a left click opens the dashboard', () => {
    const fake = createFakeDesktopElectron();
    const onAction = vi.fn<(a: TrayAction) => void>();
    const view = createElectronTray(fake.electron, { iconDir: 'C:\\res\\tray', platform: 'win32', onAction });
    view.update(model([room('Lobby', { reachability: 'offline' })]));
    const tray = FakeTray.instances[0] as FakeTray;
    expect(tray.image).toMatch(/degraded\.ico$/);
    tray.emit('click');
    expect(onAction).toHaveBeenCalledWith({ kind: 'open-dashboard' });
  });

  it('uses the 32 px PNGs on Linux', () => {
    const fake = createFakeDesktopElectron();
    createElectronTray(fake.electron, { iconDir: '/opt/relay/resources/tray', platform: 'linux', onAction: () => {} });
    expect(FakeTray.instances[0]?.image).toBe('/opt/relay/resources/tray/ok-32.png');
    expect(FakeTray.instances[0]?.listenerCount('click')).toBe(0);
  });
});
