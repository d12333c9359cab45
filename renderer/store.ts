/** App state (zustand): the bureau, the route (kept in the URL hash), and a refresh counter. */
import { create } from 'zustand';

export type RouteName = 'setup' | 'dashboard' | 'units' | 'unit' | 'score' | 'events' | 'reports' | 'tables' | 'packages' | 'settings';

export interface Route {
  name: RouteName;
  params: Record<string, string>;
}

export interface Bureau {
  bureau: string;
  level: 'county' | 'city';
  operator: string;
  counties: string[];
}

/** The bureau as the window keeps it, from the host's answer to 'bureau.get' (which says more). */
export function bureauOf(b: Bureau): Bureau {
  return { bureau: b.bureau, level: b.level, operator: b.operator, counties: b.counties };
}

interface AppState {
  route: Route;
  bureau: Bureau | null;
  /** Bumped after any change, so lists reload. */
  version: number;
  go: (name: RouteName, params?: Record<string, string>) => void;
  setBureau: (b: Bureau | null) => void;
  changed: () => void;
}

export function parseHash(hash: string): Route {
  const [name, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const known: RouteName[] = ['setup', 'dashboard', 'units', 'unit', 'score', 'events', 'reports', 'tables', 'packages', 'settings'];
  const n = (known as string[]).includes(name ?? '') ? (name as RouteName) : 'dashboard';
  const params: Record<string, string> = {};
  if ((n === 'unit' || n === 'events') && rest[0]) params.id = decodeURIComponent(rest[0]);
  if (n === 'score' && rest[0]) {
    params.id = decodeURIComponent(rest[0]);
    if (rest[1]) params.ref = decodeURIComponent(rest[1]);
  }
  return { name: n, params };
}

export function routeHash(name: RouteName, params: Record<string, string> = {}): string {
  const parts: string[] = [name];
  if (params.id) parts.push(encodeURIComponent(params.id));
  if (params.ref) parts.push(encodeURIComponent(params.ref));
  return `#/${parts.join('/')}`;
}

export const useApp = create<AppState>((set) => ({
  route: parseHash(typeof location === 'undefined' ? '' : location.hash),
  bureau: null,
  version: 0,
  go: (name, params = {}) => {
    const hash = routeHash(name, params);
    if (location.hash !== hash) location.hash = hash;
    set({ route: { name, params } });
  },
  setBureau: (bureau) => set({ bureau }),
  changed: () => set((s) => ({ version: s.version + 1 })),
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useApp.setState({ route: parseHash(location.hash) }));
}
