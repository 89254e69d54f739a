/**
 * The pieces of the reference grammar (distribution/reference regexp.go), built from small
 * builders so each rule reads like the grammar it encodes. Every export is anchored: it
 * validates one already-split piece, so the parser can say which piece is wrong.
 */

const group = (...parts: string[]): string => `(?:${parts.join('')})`;
const anyTimes = (...parts: string[]): string => `${group(...parts)}*`;
const anchored = (...parts: string[]): RegExp => new RegExp(`^${parts.join('')}$`);

const alphanumeric = '[a-z0-9]+';

/** One period, one or two underscores, or any run of dashes (so host names like xn--n3h.com fit). */
const separator = group('[._]|__|-+');

/** A path component: lowercase alphanumerics joined by single separators, never at either end. */
export const PATH_COMPONENT = anchored(alphanumeric, anyTimes(separator, alphanumeric));

/** A DNS label as Docker accepts it: letters (any case), digits and inner dashes. */
const domainLabel = group('[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]');

/** A host name or a dotted IPv4 address (IPv4 is a special case of the same labels). */
export const DOMAIN_NAME = anchored(domainLabel, anyTimes('\\.', domainLabel));

/** Bracketed IPv6 in compressed or full form; zone identifiers and embedded IPv4 are excluded, as in Docker. */
export const BRACKETED_IPV6 = anchored('\\[[a-fA-F0-9:]+\\]');

export const PORT = anchored('[0-9]+');

/** A tag without its length limit, which is checked apart so the message can say so. */
export const TAG_CHARACTERS = anchored('\\w[\\w.-]*');

/** OCI image-spec digest algorithm: lowercase components joined by one of `.+_-`. */
export const DIGEST_ALGORITHM = anchored(alphanumeric, anyTimes('[.+_-]', alphanumeric));

export const LOWERCASE_HEX = anchored('[a-f0-9]*');

/** A bare sha256 hex string: Docker reads it as an image ID, so it is never a repository name. */
export const IMAGE_ID = anchored('[a-f0-9]{64}');
