/** App state (zustand): the bureau, the route (kept in the URL hash), and a refresh counter. */
import { create } from 'zustand';
import { parseHash, routeHash, type Route, type RouteName } from './route';

export { parseHash, routeHash, type Route, type RouteName } from './route';

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
