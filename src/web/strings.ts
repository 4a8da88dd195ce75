// Every user-facing string of the web pages, in one place so translations can follow.
export const S = {
  oneClickTitle: 'Leave the list',
  oneClickAsk: (list: string, address: string) => `Remove ${address} from ${list}?`,
  oneClickButton: 'Unsubscribe',
  oneClickDone: (list: string, address: string) => `${address} has left ${list}. A goodbye note may follow by mail.`,
  tokenUnknown: 'This link is not valid any more: it was used already, it expired, or it was mistyped.',
  confirmTitle: 'Confirm',
  confirmAsk: 'Click the button to confirm this request. Nothing happens until you do.',
  confirmButton: 'Confirm',
  moderateTitle: 'Moderate a held post',
  moderateAsk: (action: string, id: number, list: string) => `${action[0]!.toUpperCase()}${action.slice(1)} held post ${id} on ${list}?`,
  moderateDone: (action: string, id: number) => `Post ${id}: ${action} done.`,
  moderateBadLink: 'This moderation link is not valid.',
  notFound: 'Not found.',
} as const;
