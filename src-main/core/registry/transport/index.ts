export { parseChallenges } from './challenge.js';
export { parseNextLink } from './link.js';
export { isLoopbackHost, schemesFor } from './policy.js';
export { backoffDelay, parseRetryAfter } from './retry.js';
export { ScopeSet } from './scopes.js';
export { RegistryTransport } from './transport.js';
export type {
  AuthScheme,
  Challenge,
  Credential,
  CredentialLookup,
  PingResult,
  RegistryMethod,
  RegistryRequest,
  RegistryResponse,
  ResponseHeaders,
  TransportOptions,
} from './types.js';
