import type { Store } from '../../store/open.js';

/** What every route factory gets from `createApp`. */
export interface RouteDeps {
  store: Store;
}
