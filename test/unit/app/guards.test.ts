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

  it('denies permission requests and checks of every kind', () => {
    const { session } = createFakeElectron();
    guardSession(session.defaultSession as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      session.defaultSession.permissionRequest?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.defaultSession.permissionCheck?.({}, permission, 'app://relay')).toBe(false);
    }
    expect(session.defaultSession.devicePermission?.({ deviceType: 'usb' })).toBe(false);
  });
});
