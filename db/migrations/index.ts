/** Every migration in order; migration N brings `user_version` from N−1 to N. Append only. */
import { initial } from './001-initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [{ version: 1, name: 'initial', sql: initial }];
