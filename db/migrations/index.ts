/** Every migration in order; migration N brings `user_version` from N−1 to N. Append only. */
import { initial } from './001-initial';
import { packages } from './002-packages';
import { caseIndexes } from './003-case-indexes';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'packages', sql: packages },
  { version: 3, name: 'case-indexes', sql: caseIndexes },
];
