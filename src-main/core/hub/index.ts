export { HubError, type HubErrorCode } from './errors.js';
export { type HubRateLimit, parseHubRateLimit } from './rate-limit.js';
export {
  HUB_API_URL,
  HUB_PAGE_SIZE,
  type HubSearchOptions,
  type HubSearchPage,
  hubSearch,
} from './search.js';
