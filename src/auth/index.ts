// The auth feature's public face: sessions, emailed sign-in and password links, argon2id
// passwords, roles on a list, address changes and API tokens.
export type { AuthDeps } from './deps.ts';
export { openSession, readSession, endSession, SESSION_TTL_MS, type OpenedSession } from './sessions.ts';
export { peekLink, LINK_TTL_MS } from './links.ts';
export {
  requestSignInLink, signInWithLink, signInWithPassword, requestPasswordLink, setPasswordWithLink, createSiteAdmin, SIGN_IN_ATTEMPTS,
} from './sign-in.ts';
export { checkPasswordRule, PASSWORD_MIN } from './passwords.ts';
export { rolesOn, isSiteAdmin, mayReadArchive, type ListRoles } from './roles.ts';
export { requestAddressChange, confirmAddressChange } from './address-change.ts';
export { createApiToken, authenticateApiToken } from './api-tokens.ts';
export { accountUrl } from './urls.ts';
