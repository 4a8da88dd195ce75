// The subscriptions feature's public face: joining and leaving by mail (-join, -leave, -request
// commands, -confirm+TOKEN) and the one confirmation system the web reuses.
export { handleListMail } from './handle-list-mail.ts';
export { requestSubscribe, requestUnsubscribe } from './requests.ts';
export { confirmToken, approvePending, refusePending, describeToken, type TokenDescription } from './tokens.ts';
export { subscribeNow, unsubscribeNow, unsubscribeByToken, type NewMembership, type NoticeOptions } from './membership.ts';
export { isBanned } from './banned.ts';
export { fillTemplate, listVariables, memberVariables, type TemplateVars } from './template.ts';
export type {
  HandleResult, ListMailInput, MailRole, RequestChannel, RequestOutcome, RequestResult, SubscribeRequest, SubscriptionDeps,
  TokenError, TokenOutcome, TokenResult, UnsubscribeRequest,
} from './types.ts';
