// Settings → Desktop: which notifications to show, quiet mode, start at login, and the global shortcut that
// mutes the pinned room. main validates every value (the accelerator too) and answers with the settings as
// applied; in the browser preview the values are kept but there is no tray to apply them to.
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { DesktopSettingsPatch, DesktopSettingsView, NotificationKind } from '../../../../contract/index.ts';
import { notConnectedMessage, relay } from '../../relay.ts';
import './settings.css';

const kinds: { kind: NotificationKind; label: string }[] = [
  { kind: 'room-offline', label: 'A room goes offline' },
  { kind: 'call-dropped', label: 'A room drops out of a call (goes offline mid-call)' },
  { kind: 'reconnect-needed', label: 'A connection needs Reconnect' },
  { kind: 'action-failed', label: 'A mute, unmute or hang-up fails' },
];

const suggestedShortcut = 'CommandOrControl+Alt+M';

const keyNames: Record<string, string> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ' ': 'Space',
  Escape: 'Escape',
  Enter: 'Return',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Tab: 'Tab',
};

/** The accelerator a key press spells, or null while only modifiers are down. main checks it again. */
export function acceleratorFromKey(e: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'key' | 'code'>, mac: boolean): string | null {
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS'].includes(e.key)) return null;
  let key: string | null = keyNames[e.key] ?? null;
  if (!key && /^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (!key && /^Digit[0-9]$/.test(e.code)) key = e.code.slice(5);
  else if (!key && /^F([1-9]|1\d|2[0-4])$/.test(e.key)) key = e.key;
  else if (!key && e.key.length === 1) key = e.key === '+' ? 'Plus' : e.key;
  if (!key) return null;
  const mods: string[] = [];
  if (e.ctrlKey) mods.push(mac ? 'Control' : 'CommandOrControl');
  if (e.metaKey) mods.push(mac ? 'CommandOrControl' : 'Super');
  if (e.altKey) mods.push(mac ? 'Option' : 'Alt');
  if (e.shiftKey) mods.push('Shift');
  return [...mods, key].join('+');
}

type Load = { status: 'loading' } | { status: 'ready'; view: DesktopSettingsView } | { status: 'failed'; message: string };

export function DesktopSettings() {
  const [load, setLoad] = useState<Load>(() => (relay() ? { status: 'loading' } : { status: 'failed', message: notConnectedMessage }));
  const [error, setError] = useState<string | null>(null);
  const [shortcutText, setShortcutText] = useState('');
  const [shortcutOn, setShortcutOn] = useState(false);
  const mac = /Mac/i.test(navigator.platform);

  useEffect(() => {
    const api = relay();
    if (!api) return;
    let live = true;
    const take = (view: DesktopSettingsView): void => {
      if (!live) return;
      setLoad({ status: 'ready', view });
      setShortcutOn(view.settings.muteShortcut !== null);
      setShortcutText(view.settings.muteShortcut ?? '');
    };
    void api.desktopSettingsGet().then((r) => (r.ok ? take(r.value) : live && setLoad({ status: 'failed', message: r.error.message })));
    const off = api.on('desktop.settings', take);
    return () => {
      live = false;
      off();
    };
  }, []);

  const save = async (patch: DesktopSettingsPatch): Promise<boolean> => {
    const api = relay();
    if (!api) return false;
    setError(null);
    const r = await api.desktopSettingsSet(patch);
    if (!r.ok) {
      setError(r.error.message);
      return false;
    }
    setLoad({ status: 'ready', view: r.value });
    return true;
  };

  if (load.status === 'loading') return <p>Loading the desktop settings…</p>;
  if (load.status === 'failed') return <p className="status-error">{load.message}</p>;
  const { settings, support, shortcut, loginItemActive } = load.view;
  const desktop = support.desktopApp;

  return (
    <div className="desktop-settings" data-testid="desktop-settings">
      {support.reason && (
        <p className="settings-note" data-testid="desktop-support-note">
          {support.reason}
        </p>
      )}
      <fieldset>
        <legend>Notifications</legend>
        <p className="settings-help">Show a desktop notification when…</p>
        {kinds.map(({ kind, label }) => (
          <label key={kind} className="check">
            <input
              type="checkbox"
              checked={settings.notifications[kind]}
              onChange={(e) => void save({ notifications: { [kind]: e.target.checked } })}
              data-testid={`notify-${kind}`}
            />
            {label}
          </label>
        ))}
        <label className="check check-separated">
          <input type="checkbox" checked={settings.quiet} onChange={(e) => void save({ quiet: e.target.checked })} data-testid="notify-quiet" />
          Quiet mode: no notifications at all (the tray icon still shows problems)
        </label>
        <p className="settings-help">When many rooms change at once, Relay Console shows one summary instead of a notification per room.</p>
      </fieldset>

      <fieldset>
        <legend>Start and tray</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            disabled={desktop && !support.startAtLogin}
            onChange={(e) => void save({ startAtLogin: e.target.checked })}
            data-testid="start-at-login"
          />
          Start Relay Console in the tray when I log in
        </label>
        {desktop && support.startAtLogin && loginItemActive !== null && settings.startAtLogin !== loginItemActive && (
          <p className="settings-help">The system has not confirmed the login item yet (macOS may ask you to allow it under Login Items).</p>
        )}
        <p className="settings-help">Closing the window keeps Relay Console running in the tray; choose Quit from the tray icon to stop it.</p>
      </fieldset>

      <fieldset>
        <legend>Global shortcut</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={shortcutOn}
            onChange={(e) => {
              const on = e.target.checked;
              setShortcutOn(on);
              if (on) setShortcutText((t) => t || suggestedShortcut);
              else void save({ muteShortcut: null });
            }}
            data-testid="shortcut-enabled"
          />
          Mute the pinned room with a key combination, from any app
        </label>
        {shortcutOn && (
          <form
            className="shortcut-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save({ muteShortcut: shortcutText });
            }}
          >
            <label htmlFor="mute-shortcut">Key combination</label>
            <input
              id="mute-shortcut"
              value={shortcutText}
              onChange={(e) => setShortcutText(e.target.value)}
              onKeyDown={(e) => {
                // Pressing a combination with a modifier records it; plain typing edits the text.
                if (!(e.ctrlKey || e.altKey || e.metaKey)) return;
                const acc = acceleratorFromKey(e, mac);
                if (acc) {
                  e.preventDefault();
                  setShortcutText(acc);
                }
              }}
              spellCheck={false}
              aria-describedby="mute-shortcut-help"
              data-testid="shortcut-input"
            />
            <button type="submit" className="primary">
              Use this shortcut
            </button>
            <p id="mute-shortcut-help" className="settings-help">
              Press the keys here, or type them, e.g. {suggestedShortcut}. It mutes every pinned room that is in a call with its
              microphone on (pin rooms on the dashboard).
            </p>
          </form>
        )}
        {desktop && (
          <p role="status" className={shortcut.state === 'unavailable' ? 'status-error' : 'settings-help'} data-testid="shortcut-status">
            {shortcut.state === 'off' && 'No global shortcut is set.'}
            {shortcut.state === 'active' && `Active: ${shortcut.accelerator}`}
            {shortcut.state === 'unavailable' && shortcut.message}
          </p>
        )}
      </fieldset>
      {error && (
        <p role="alert" className="status-error" data-testid="desktop-settings-error">
          {error}
        </p>
      )}
    </div>
  );
}
