// Strings of the member pages: signing in by emailed link, the options page, address changes.
export const S = {} as const;
