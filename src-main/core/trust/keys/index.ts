export { openPrivateKey, type Protection, type SealedKey, sealPrivateKey } from './at-rest.js';
export { COSIGN_KEY_LABEL, decryptCosignKey, encryptCosignKey } from './cosign-key-file.js';
export { KeyStore, type KeyStoreOptions, type SigningKeyInfo } from './key-store.js';
export { pemBlocks, toPem } from './pem.js';
export { generateSigningKey, importSigningKey, type SigningKey, signingKeyOf } from './private-key.js';
export {
  type KeyAlgorithm,
  keyHint,
  parsePublicKey,
  type TrustedKey,
  trustedKey,
  verifyWithKey,
} from './public-key.js';
export {
  type Certificate,
  type CertificateExtension,
  commonName,
  extension,
  KEY_USAGES,
  type KeyUsage,
  OID,
  readCertificate,
  readCertificates,
} from './x509.js';
