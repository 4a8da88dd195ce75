// Record types of the Store interface for auth; store/types.ts re-exports them.

// ---- web accounts, sessions, one-time links, API tokens (auth, web) -------------------------
export interface WebAccount {
  id: number;
  address: string;
  /** argon2id PHC string; null until a password is set through an emailed link. */
  passwordHash: string | null;
  siteAdmin: boolean;
  createdAt: Date;
  passwordSetAt: Date | null;
}

/** How a session was opened: an emailed link proves the mailbox, a password proves the account. */
export type SessionMethod = 'link' | 'password';

export interface WebSession {
  /** SHA-256 of the cookie value, hex; the value itself is never stored. */
  idHash: string;
  address: string;
  method: SessionMethod;
  createdAt: Date;
  expiresAt: Date;
}

export type WebLinkPurpose = 'sign_in' | 'set_password' | 'change_address';

export interface WebLink {
  /** SHA-256 of the token mailed in the link, hex. */
  tokenHash: string;
  address: string;
  purpose: WebLinkPurpose;
  data: Record<string, string | number | boolean | null>;
  createdAt: Date;
  expiresAt: Date;
}

export interface ApiToken {
  id: number;
  name: string;
  tokenHash: string;
  /** null: the whole site; otherwise the one list the token may act on. */
  listId: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}
