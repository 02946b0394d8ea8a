import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import type { Logger } from '../../../main/ports.ts';
import { guardSession, guardWebContents } from '../../../main/app/guards.ts';
import { createFakeElectron, fakeEvent, FakeWebContents } from './fake-electron.ts';

function guarded() {
  const contents = new FakeWebContents();
  const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  guardWebContents(contents as unknown as WebContents, log);
  return { contents, log };
}

describe('guards', () => {
  it('refuses navigation away from the page, and logs only the origin', () => {
    const { contents, log } = guarded();
    const event = fakeEvent({ url: 'https://evil.example/steal?token=secret' });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(true);
    expect(JSON.stringify(vi.mocked(log.warn).mock.calls)).not.toContain('secret');
  });

  it('refuses sub-frame navigation, and leaves main-frame decisions to will-navigate', () => {
    const { contents } = guarded();
    const sub = fakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', sub);
    expect(sub.defaultPrevented).toBe(true);
  });

  it('denies every new window, whatever the URL', () => {
    const { contents } = guarded();
    for (const url of ['https://bluejeans.com/', 'app://relay/index.html', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('refuses every download but a file the app page made itself, and logs only where it came from', () => {
    const { session } = createFakeElectron();
    const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    guardSession(session.defaultSession as never, log, null);
    const download = (url: string): boolean => {
      const event = fakeEvent();
      session.defaultSession.emit('will-download', event, { getURL: () => url }, {});
      return !event.defaultPrevented;
    };
    for (const url of ['https://evil.example/payload.exe?token=secret', 'blob:https://evil.example/1', 'blob:app://relay.evil.example/1', 'data:text/plain,hi', 'file:///etc/passwd']) {
      expect(download(url), url).toBe(false);
    }
    // The event log's CSV export: a blob of the app's own page.
    expect(download('blob:app://relay/7c9e6679-7425-40de-944b-e07fc1f90ae7')).toBe(true);
    expect(vi.mocked(log.warn)).toHaveBeenCalledTimes(5);
    // In development the page's origin is the dev server's, and only there.
    const dev = createFakeElectron().session;
    guardSession(dev.defaultSession as never, log, 'http://localhost:5173');
    const devEvent = fakeEvent();
    dev.defaultSession.emit('will-download', devEvent, { getURL: () => 'blob:http://localhost:5173/1' }, {});
    expect(devEvent.defaultPrevented).toBe(false);
    expect(vi.mocked(log.warn).mock.calls[0]).toEqual(['download refused', { from: 'https://evil.example' }]);
    expect(JSON.stringify(vi.mocked(log.warn).mock.calls)).not.toContain('secret');
  });

  it('denies permission requests and checks of every kind', () => {
    const { session } = createFakeElectron();
    guardSession(session.defaultSession as never, { info: vi.fn(), warn: vi.fn(), error: vi.fn() }, null);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      session.defaultSession.permissionRequest?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.defaultSession.permissionCheck?.({}, permission, 'app://relay')).toBe(false);
    }
    expect(session.defaultSession.devicePermission?.({ deviceType: 'usb' })).toBe(false);
  });
});
