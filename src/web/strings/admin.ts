// Strings of the pages for moderators, owners and site administrators.
export const S = {} as const;
