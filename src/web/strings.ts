// Every user-facing string of the web pages, in one place so translations can follow.
import { S as LISTS } from './strings/lists.ts';
import { S as ACCOUNT } from './strings/account.ts';
import { S as ADMIN } from './strings/admin.ts';

const FRAME = {
  skipToContent: 'Skip to the content',
  navLabel: 'Site',
  navLists: 'Lists',
  navAccount: 'Your lists',
  navSignIn: 'Sign in',
  navAdmin: 'Administration',
  notFound: 'Not found.',
  notFoundTitle: 'Not found',
  csrfTitle: 'Please try again',
  csrfRefused: 'This form has expired or did not come from this site. Go back, reload the page and send it again.',
  tooManyTitle: 'Too many requests',
  tooMany: 'Too many requests came from your network in a short time. Please wait a while and try again.',
  back: 'Back',
} as const;

export const S = { ...FRAME, ...LISTS, ...ACCOUNT, ...ADMIN } as const;
