export { chargeSignInAttempt } from "./sign-in-throttle.ts";
export type { SignInCharge, SignInIdentifier } from "./sign-in-throttle.ts";
export { DEVICE_COOKIE_MAX_AGE, DEVICE_COOKIE_SUFFIX, readDeviceId, setDeviceCookie } from "./device-cookie.ts";
export { allowMail } from "./mail-throttle.ts";
export type { MailKind } from "./mail-throttle.ts";
export { DEFAULT_EMAIL_RULE, DEFAULT_SIGN_IN_RULE, resolveAccountThrottle } from "./options.ts";
export type { AccountThrottleOptions, ResolvedAccountThrottle } from "./options.ts";
export { throttleKey } from "./throttle-key.ts";
export type { ThrottleScope } from "./throttle-key.ts";
