/** The app's routes, kept in the URL hash (`#/units`, `#/unit/<id>`…). No DOM, no React: public/start.js's test reads them too. */
export type RouteName = 'setup' | 'dashboard' | 'units' | 'unit' | 'score' | 'events' | 'reports' | 'tables' | 'packages' | 'settings';

export interface Route {
  name: RouteName;
  params: Record<string, string>;
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
