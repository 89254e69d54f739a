import type { TrustSession } from '../core/trust/trust-session.js';
import type { Handlers } from './dispatch.js';

type TrustProcedure = Extract<keyof Handlers, `trust.${string}`>;

/** The trust procedures of the contract: reports, badges, settings, signing keys, signing, DCT migration. */
export function createTrustHandlers(trust: TrustSession): Pick<Handlers, TrustProcedure> {
  /** Every settings change answers with the whole view, so the UI shows what was kept. */
  const thenView =
    <I>(change: (input: I) => Promise<unknown>) =>
    async (input: I) => {
      await change(input);
      return trust.view();
    };

  return {
    'trust.inspect': ({ reference, platform }) => trust.inspect(reference, platform),
    'trust.badges': ({ references }) => trust.badges(references),
    'trust.settings': () => trust.view(),

    'trust.publicKeys.add': thenView(({ name, pem }) => trust.editor.addPublicKey(name, pem)),
    'trust.publicKeys.remove': thenView(({ name }) => trust.editor.removePublicKey(name)),
    'trust.trustStores.add': thenView(({ name, pem }) => trust.editor.addTrustStore(name, pem)),
    'trust.trustStores.remove': thenView(({ name }) => trust.editor.removeTrustStore(name)),
    'trust.sigstoreRoot.set': thenView(({ root }) => trust.editor.setSigstoreRoot(root)),
    'trust.notaryServers.set': thenView(({ registry, url, caPem }) =>
      trust.editor.setNotaryServer(registry, url, caPem),
    ),
    'trust.notaryServers.remove': thenView(({ registry }) => trust.editor.removeNotaryServer(registry)),
    'trust.pins.remove': thenView(({ gun }) => trust.removePin(gun)),

    'trust.signingKeys.generate': thenView(({ name, password }) =>
      trust.keys.generate(name, password === undefined ? {} : { password }),
    ),
    'trust.signingKeys.import': thenView(({ name, pem, filePassword, password }) =>
      trust.keys.import(name, pem, {
        ...(filePassword === undefined ? {} : { filePassword }),
        ...(password === undefined ? {} : { password }),
      }),
    ),
    'trust.signingKeys.remove': thenView(({ name }) => trust.keys.remove(name)),
    'trust.signingKeys.publicPem': ({ name }) => trust.keys.publicKeyPem(name),

    'trust.sign': (input, task) =>
      trust.sign(input, {
        signal: task.signal,
        step: (message, current, total) => task.progress({ message, current, total }),
      }),
    'trust.dctMigration': ({ repository }) => trust.dctMigration(repository),
  };
}
