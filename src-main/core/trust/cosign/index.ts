export { verifyBundle } from './bundle-verify.js';
export { type CosignVerifyContext, verifyClassicLayer } from './classic.js';
export { FULCIO_ISSUER_V1, FULCIO_ISSUER_V2, type KeylessIdentity, keylessIdentity } from './identity.js';
export {
  COSIGN_ANNOTATION,
  COSIGN_SIGNATURE_TYPE,
  parseSimpleSigning,
  simpleSigningPayload,
} from './payload.js';
export { dockerReference, type SignResult, type SignTarget, signImage } from './sign.js';
export { type CosignTrustRoot, parseTrustRoot } from './trust-root.js';
export { type CosignOptions, cosignSignatures } from './verify.js';
