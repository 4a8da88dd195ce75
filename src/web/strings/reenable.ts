// Strings of the page behind the re-enable link mailed to a member whose delivery bounces disabled.
export const S = {
  reenableTitle: 'Turn delivery back on',
  reenableAsk: (list: string, address: string) => `Send posts from ${list} to ${address} again?`,
  reenableWhy: 'Delivery was turned off because mail to this address bounced. If the trouble is fixed, turn it back on; if mail bounces again it will be turned off again.',
  reenableButton: 'Turn delivery on',
  reenableDone: (list: string, address: string) => `Delivery from ${list} to ${address} is on again.`,
  reenableAlready: (list: string, address: string) => `Delivery from ${list} to ${address} is already on.`,
  reenableUnknown: 'This link is not valid: the membership it named has ended, or the link was mistyped.',
} as const;
