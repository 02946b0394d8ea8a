import { setThemeChoice, useThemeChoice, type ThemeChoice } from '../../shell/useTheme.ts';
import { ConnectionCheck } from './ConnectionCheck.tsx';
import { DesktopSettings } from './DesktopSettings.tsx';
import { UpdateSettings } from './UpdateSettings.tsx';

const themes: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsScreen() {
  const theme = useThemeChoice();
  return (
    <section className="screen" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <fieldset>
        <legend>Appearance</legend>
        {themes.map((t) => (
          <label key={t.value} className="radio">
            <input type="radio" name="theme" value={t.value} checked={theme === t.value} onChange={() => setThemeChoice(t.value)} />
            {t.label}
          </label>
        ))}
      </fieldset>
      <h2 className="settings-section">Desktop app</h2>
      <DesktopSettings />
      <h2 className="settings-section">Updates</h2>
      <UpdateSettings />
      <fieldset>
        <legend>Diagnostics</legend>
        <ConnectionCheck />
      </fieldset>
    </section>
  );
}
