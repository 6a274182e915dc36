/** Social sign-in options (issue 4). Placeholder: filled in by the social sign-in work. */
export type SocialProvidersOptions = Record<string, unknown>;

/** `account` options: linking and token storage (Better Auth's names). */
export interface AccountOptions {}
