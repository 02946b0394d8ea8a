// The desktop settings as the contract takes them: the global-shortcut grammar (Electron's accelerators),
// the stored settings and a patch of them, and the defaults a new install starts with.
import { describe, expect, it } from 'vitest';
import { acceleratorInput, checkAccelerator, defaultDesktopSettings, desktopSettingsPatchInput, desktopSettingsSchema } from '../../../contract/index.ts';
import { accepted, refusal, refusedWith } from './schema-check.ts';

const accepts = (text: string): string | null => {
  const r = checkAccelerator(text);
  return r.ok ? r.accelerator : null;
};
const says = (text: string): string | null => {
  const r = checkAccelerator(text);
  return r.ok ? null : r.message;
};

describe('a global shortcut', () => {
  it('takes letters, digits and punctuation as the key', () => {
    expect(accepts('ctrl+alt+m')).toBe('Ctrl+Alt+M');
    expect(accepts('Ctrl+Alt+7')).toBe('Ctrl+Alt+7');
    for (const mark of [')', '/', '\\', '`', '=', "'", '"', '[', '~']) expect(accepts(`Ctrl+Alt+${mark}`), mark).toBe(`Ctrl+Alt+${mark}`);
  });

  it('takes F1 to F24 and num0 to num9, and nothing that merely contains them', () => {
    expect(accepts('Ctrl+f1')).toBe('Ctrl+F1');
    expect(accepts('Ctrl+F12')).toBe('Ctrl+F12');
    expect(accepts('Ctrl+F24')).toBe('Ctrl+F24');
    expect(accepts('Ctrl+NUM0')).toBe('Ctrl+num0');
    for (const key of ['F0', 'F25', 'xF1', 'F1x', 'num10', 'xnum1', 'num'])
      expect(says(`Ctrl+${key}`), key).toBe(`"${key}" is not a key Electron knows.`);
  });

  it('spells named keys and modifiers as Electron does', () => {
    expect(accepts('commandorcontrol+SHIFT+pageup')).toBe('CommandOrControl+Shift+PageUp');
    expect(accepts('Option+esc')).toBe('Option+Esc');
    expect(accepts('  Ctrl + Alt + M  ')).toBe('Ctrl+Alt+M');
    expect(accepts('Alt+Shift++')).toBe('Alt+Shift+Plus');
  });

  it('says in words what is wrong', () => {
    expect(says('')).toBe('Type a key combination, e.g. CommandOrControl+Alt+M.');
    expect(says('   ')).toBe('Type a key combination, e.g. CommandOrControl+Alt+M.');
    expect(says('Ctrl+ +M')).toBe('Join the keys with "+", e.g. CommandOrControl+Alt+M.');
    expect(says('+M')).toBe('Join the keys with "+", e.g. CommandOrControl+Alt+M.');
    expect(says('Space+M')).toBe('"Space" is not a modifier key (use Ctrl, Alt, Shift, Command, Super or CommandOrControl).');
    expect(says(' Hyper +M')).toBe('"Hyper" is not a modifier key (use Ctrl, Alt, Shift, Command, Super or CommandOrControl).');
    expect(says(`${'Y'.repeat(30)}+M`)).toBe(`"${'Y'.repeat(20)}…" is not a modifier key (use Ctrl, Alt, Shift, Command, Super or CommandOrControl).`);
    expect(says('Alt+Alt+M')).toBe('Alt appears twice.');
    expect(says('Ctrl+Shift')).toBe('The combination needs a key after the modifiers, e.g. CommandOrControl+Alt+M.');
    expect(says(`Ctrl+${'Q'.repeat(30)}`)).toBe(`"${'Q'.repeat(20)}…" is not a key Electron knows.`);
    expect(says('Shift+M')).toBe('A global shortcut needs Ctrl, Alt, Command or Super, or it would take that key from every other app.');
  });

  it('is at most 100 characters long', () => {
    const long = `Ctrl+${'Q'.repeat(95)}`; // 100 characters: checked, and refused for its key, not its length
    expect(long).toHaveLength(100);
    expect(says(long)).toBe(`"${'Q'.repeat(20)}…" is not a key Electron knows.`);
    expect(says(`${long}Q`)).toBe('That key combination is too long.');
  });

  it('reaches main in Electron spelling, and a refusal ends its sentence where the dispatcher goes on', () => {
    expect(accepted(acceleratorInput, 'ctrl+alt+m')).toBe('Ctrl+Alt+M');
    expect(refusal(acceleratorInput, 'Shift+M')).toEqual(['A global shortcut needs Ctrl, Alt, Command or Super, or it would take that key from every other app']);
    refusal(acceleratorInput, `Ctrl+${'Q'.repeat(200)}`);
    // Only the sentence's last full stop goes, as a custom refusal.
    expect(acceleratorInput.safeParse('').error?.issues).toEqual([expect.objectContaining({ code: 'custom', message: 'Type a key combination, e.g. CommandOrControl+Alt+M' })]);
  });
});

describe('the desktop settings', () => {
  it('start with every notification on, quiet off, no login start and no shortcut', () => {
    expect(defaultDesktopSettings).toEqual({
      notifications: { 'room-offline': true, 'call-dropped': true, 'reconnect-needed': true, 'action-failed': true },
      quiet: false,
      startAtLogin: false,
      muteShortcut: null,
    });
    expect(accepted(desktopSettingsSchema, defaultDesktopSettings)).toEqual(defaultDesktopSettings);
  });

  it('are stored whole, with the shortcut in Electron spelling', () => {
    const stored = { ...defaultDesktopSettings, quiet: true, muteShortcut: 'ctrl+alt+m' };
    expect(accepted(desktopSettingsSchema, stored)).toEqual({ ...stored, muteShortcut: 'Ctrl+Alt+M' });
    refusal(desktopSettingsSchema, { ...defaultDesktopSettings, notifications: { 'room-offline': true } });
    refusal(desktopSettingsSchema, { ...defaultDesktopSettings, extra: 1 });
  });

  it('change field by field', () => {
    expect(accepted(desktopSettingsPatchInput, {})).toEqual({});
    expect(accepted(desktopSettingsPatchInput, { notifications: { 'call-dropped': false }, startAtLogin: true, muteShortcut: null })).toEqual({
      notifications: { 'call-dropped': false },
      startAtLogin: true,
      muteShortcut: null,
    });
    refusedWith(desktopSettingsPatchInput, { muteShortcut: 'M' }, 'A global shortcut needs Ctrl, Alt, Command or Super, or it would take that key from every other app');
    refusal(desktopSettingsPatchInput, { notifications: { 'room-exploded': true } });
  });
});
