import { routes, type RouteId } from './routes.ts';
import { useRoute } from './useRoute.ts';
import { useAppInfo } from './useAppInfo.ts';
import { StatusBar } from './StatusBar.tsx';
import { LinkBanner } from './LinkBanner.tsx';
import { useLink } from './useLink.ts';
import { RoomsScreen } from '../screens/rooms/RoomsScreen.tsx';
import { ConnectionsScreen } from '../screens/connections/ConnectionsScreen.tsx';
import { EventLogScreen } from '../screens/event-log/EventLogScreen.tsx';
import { SettingsScreen } from '../screens/settings/SettingsScreen.tsx';
import { useTheme } from './useTheme.ts';
import { useNavigationRequests } from './navigation.ts';

function Screen({ route }: { route: RouteId }) {
  switch (route) {
    case 'rooms':
      return <RoomsScreen />;
    case 'connections':
      return <ConnectionsScreen />;
    case 'event-log':
      return <EventLogScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

export function App() {
  const [route, go] = useRoute();
  useNavigationRequests(go);
  const link = useLink();
  const info = useAppInfo(link.reconnects);
  useTheme();
  const current = routes.find((r) => r.id === route);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-title">Relay Console</span>
        <nav aria-label="Main">
          <ul>
            {routes.map((r, i) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={r.id === route ? 'page' : undefined}
                  title={`${r.label} (Ctrl+${i + 1})`}
                  onClick={() => go(r.id)}
                >
                  {r.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <LinkBanner />
      <main id="main" tabIndex={-1} aria-label={current?.label}>
        <Screen route={route} />
      </main>
      <StatusBar state={info} link={link} />
    </div>
  );
}
