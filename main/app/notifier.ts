// The Notifier port over Electron's Notification. A click brings the window back and opens what the
// notification is about (a room, the connections); main/desktop/notifications.ts decides what is shown.
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { NavigateRequest } from '../../contract/index.ts';
import type { Notifier } from '../ports.ts';

export interface NotificationApi {
  new (options: NotificationConstructorOptions): Pick<Notification, 'show' | 'on'>;
  isSupported(): boolean;
}

export interface ElectronNotifierOptions {
  /** The app icon, shown beside the text on Linux and Windows (macOS uses the bundle's). */
  icon: string | null;
  onClick(target: NavigateRequest | null): void;
}

export function createElectronNotifier(NotificationClass: NotificationApi, options: ElectronNotifierOptions): Notifier {
  // Electron drops a notification's listeners when the object is garbage-collected: keep the recent ones.
  const alive = new Set<Pick<Notification, 'show' | 'on'>>();
  return {
    supported: () => NotificationClass.isSupported(),
    notify({ title, body, target }) {
      const n = new NotificationClass({ title, body, ...(options.icon ? { icon: options.icon } : {}) });
      alive.add(n);
      if (alive.size > 20) alive.delete(alive.values().next().value as Pick<Notification, 'show' | 'on'>);
      n.on('click', () => {
        alive.delete(n);
        options.onClick(target);
      });
      n.on('close', () => alive.delete(n));
      n.show();
    },
  };
}
