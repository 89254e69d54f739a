import type { Account, CredentialLookup, CredentialStore } from './types.js';

/**
 * The lookup the registry transport uses: the first store that has a credential for the host wins.
 * A store that fails (a helper that is missing or hangs) fails the lookup with its own error, rather
 * than sending the request anonymously and leaving the user with a puzzling 401.
 */
export function credentialLookup(stores: readonly CredentialStore[]): CredentialLookup {
  return async (host) => {
    for (const store of stores) {
      const credential = await store.get(host);
      if (credential) return credential;
    }
    return undefined;
  };
}

/** Who the lookup would log in as, and from where, for the registry summary. Never the secret. */
export async function accountFor(
  stores: readonly CredentialStore[],
  host: string,
): Promise<Account | undefined> {
  for (const store of stores) {
    const account = await store.account(host);
    if (account) return account;
  }
  return undefined;
}
