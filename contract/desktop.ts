// Desktop integration (issue 6): notification switches, quiet mode, start at login and the global mute
// shortcut, and the navigation requests main sends when a tray item or a notification is clicked.
// These settings apply to the desktop app; the preview host stores them but has no tray to apply them to.
import { z } from 'zod';
import { defineChannel, returns, type ChannelDef } from './define.ts';
import { quoteCallerText } from './caller-text.ts';

export const notificationKinds = ['room-offline', 'call-dropped', 'reconnect-needed', 'action-failed'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface DesktopSettings {
  /** Per-kind switches: a kind switched off never shows a notification. */
  notifications: Record<NotificationKind, boolean>;
  /** Quiet mode: no notification at all (the tray icon still shows the fleet's health). */
  quiet: boolean;
  /** Start Relay Console (in the tray) when the user logs in, where the OS supports it. */
  startAtLogin: boolean;
  /** A global shortcut (Electron accelerator, e.g. "CommandOrControl+Alt+M") that mutes the pinned room; null: off. */
  muteShortcut: string | null;
}

export const defaultDesktopSettings: DesktopSettings = {
  notifications: { 'room-offline': true, 'call-dropped': true, 'reconnect-needed': true, 'action-failed': true },
  quiet: false,
  startAtLogin: false,
  muteShortcut: null,
};

/** What this host can do with the settings; `reason` says in words why something is not available. */
export interface DesktopSupport {
  /** This host is the desktop app (false: the browser preview, which keeps the values but applies none). */
  desktopApp: boolean;
  tray: boolean;
  notifications: boolean;
  startAtLogin: boolean;
  shortcut: boolean;
  reason: string | null;
}

/** The state of the global shortcut after the settings were applied. */
export type ShortcutState =
  | { state: 'off' }
  | { state: 'active'; accelerator: string }
  /** The OS or another app holds the key combination, or the host has no global shortcuts. */
  | { state: 'unavailable'; accelerator: string; message: string };

export interface DesktopSettingsView {
  settings: DesktopSettings;
  support: DesktopSupport;
  shortcut: ShortcutState;
  /** Whether the OS reports the app as a login item now (null: not known on this host). */
  loginItemActive: boolean | null;
}

// ---- the accelerator grammar (Electron's "Accelerator" docs), checked before anything is registered ----

const modifierNames = [
  'CommandOrControl',
  'CmdOrCtrl',
  'Command',
  'Cmd',
  'Control',
  'Ctrl',
  'Alt',
  'Option',
  'AltGr',
  'Shift',
  'Super',
  'Meta',
] as const;

const namedKeys = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc',
  'VolumeUp', 'VolumeDown', 'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause', 'PrintScreen',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
] as const;

const canonical = new Map<string, string>([...modifierNames, ...namedKeys].map((name) => [name.toLowerCase(), name]));
const punctuation = new Set([...')!@#$%^&*(:;<,_->.?/~`{][|\\}"=\'']);

/** The key part, in Electron's spelling, or null when it is not a key Electron knows. */
function canonicalKey(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (punctuation.has(token)) return token;
  const fn = /^f([1-9]|1\d|2[0-4])$/i.exec(token);
  if (fn) return `F${fn[1]}`;
  const num = /^num([0-9])$/i.exec(token);
  if (num) return `num${num[1]}`;
  const named = canonical.get(token.toLowerCase());
  return named && !(modifierNames as readonly string[]).includes(named) ? named : null;
}

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; message: string };

/**
 * Checks a global-shortcut accelerator: modifiers then one key, joined by "+", at least one modifier other
 * than Shift (a global shortcut without one would take a key away from every other app). Returns it in
 * Electron's spelling (`ctrl+alt+m` → `Ctrl+Alt+M`).
 */
export function checkAccelerator(value: string): AcceleratorCheck {
  const text = value.trim();
  if (text.length === 0) return { ok: false, message: 'Type a key combination, e.g. CommandOrControl+Alt+M.' };
  if (text.length > 100) return { ok: false, message: 'That key combination is too long.' };
  // "+" is both the separator and a key: a trailing "++" means the key "+" (Electron spells it "Plus").
  const tokens = text.endsWith('++') ? [...text.slice(0, -2).split('+'), 'Plus'] : text.split('+');
  if (tokens.some((t) => t.trim() === '')) return { ok: false, message: 'Join the keys with "+", e.g. CommandOrControl+Alt+M.' };
  // Stryker disable next-line OptionalChaining,StringLiteral: equivalent, split() always gives at least one token
  const keyToken = tokens[tokens.length - 1]?.trim() ?? '';
  const modifiers: string[] = [];
  for (const raw of tokens.slice(0, -1)) {
    const name = canonical.get(raw.trim().toLowerCase());
    if (!name || !(modifierNames as readonly string[]).includes(name)) {
      return { ok: false, message: `${quoteCallerText(raw.trim(), 20)} is not a modifier key (use Ctrl, Alt, Shift, Command, Super or CommandOrControl).` };
    }
    if (modifiers.includes(name)) return { ok: false, message: `${name} appears twice.` };
    modifiers.push(name);
  }
  const key = canonicalKey(keyToken);
  if (!key) {
    return canonical.has(keyToken.toLowerCase())
      ? { ok: false, message: 'The combination needs a key after the modifiers, e.g. CommandOrControl+Alt+M.' }
      : { ok: false, message: `${quoteCallerText(keyToken, 20)} is not a key Electron knows.` };
  }
  if (!modifiers.some((m) => m !== 'Shift')) {
    return { ok: false, message: 'A global shortcut needs Ctrl, Alt, Command or Super, or it would take that key from every other app.' };
  }
  return { ok: true, accelerator: [...modifiers, key].join('+') };
}

export const acceleratorInput = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    const checked = checkAccelerator(value);
    if (checked.ok) return checked.accelerator;
    // The dispatcher ends the sentence itself ("The request … was not valid at …: <message>.").
    ctx.addIssue({ code: 'custom', message: checked.message.replace(/\.$/, '') });
    return z.NEVER;
  });

const notificationSwitches = z.object({
  'room-offline': z.boolean(),
  'call-dropped': z.boolean(),
  'reconnect-needed': z.boolean(),
  'action-failed': z.boolean(),
});

/** The stored form: validated on every read (a hand-edited file falls back to the defaults, field by field in main). */
export const desktopSettingsSchema = z
  .object({
    notifications: notificationSwitches.strict(),
    quiet: z.boolean(),
    startAtLogin: z.boolean(),
    muteShortcut: acceleratorInput.nullable(),
  })
  .strict();

/** desktop.settings.set: any subset of the settings. */
export const desktopSettingsPatchInput = z
  .object({
    notifications: notificationSwitches.partial().strict().optional(),
    quiet: z.boolean().optional(),
    startAtLogin: z.boolean().optional(),
    muteShortcut: acceleratorInput.nullable().optional(),
  })
  .strict();
export type DesktopSettingsPatch = z.input<typeof desktopSettingsPatchInput>;

// ---- navigation (main → renderer) ----

export const navigateRoutes = ['rooms', 'connections', 'settings'] as const;
export type NavigateRoute = (typeof navigateRoutes)[number];

/** Event 'app.navigate': a tray item or a notification asked for this screen (and room). */
export interface NavigateRequest {
  route: NavigateRoute;
  /** Open this room's panel on the dashboard; null: just the screen. */
  roomKey: string | null;
}

// ---- channels and events (spread into channels.ts) ----

export const desktopChannels = {
  desktopSettingsGet: defineChannel('desktop.settings.get', z.undefined(), returns<DesktopSettingsView>()),
  desktopSettingsSet: defineChannel('desktop.settings.set', desktopSettingsPatchInput, returns<DesktopSettingsView>()),
} as const satisfies Record<string, ChannelDef>;

export interface DesktopEventPayloads {
  /** After any change of the desktop settings or of their effect (e.g. the shortcut could not be registered). */
  'desktop.settings': DesktopSettingsView;
  'app.navigate': NavigateRequest;
}
export const desktopEventNames = ['desktop.settings', 'app.navigate'] as const;
