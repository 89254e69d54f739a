import { InvalidInputError } from '../errors.js';
import { TOKEN_USERNAME } from './credential-helper.js';
import type { Credential } from './types.js';

/** What a login must carry to be worth keeping; refuses the rest with INVALID_INPUT. */
export function checkStorable(credential: Credential): void {
  const { username, password, identityToken, registryToken } = credential;
  if (!(username && password) && !identityToken && !registryToken) {
    throw new InvalidInputError('a login needs a user name and password, or a token');
  }
  // config.json keeps `user:password` in one base64 string: a ":" in the name would split it wrongly.
  if (username?.includes(':')) throw new InvalidInputError('a user name cannot contain ":"');
}

/** The name to show for a credential; token-only logins show docker's `<token>`. */
export function usernameOf(credential: Credential): string {
  return credential.username || TOKEN_USERNAME;
}
