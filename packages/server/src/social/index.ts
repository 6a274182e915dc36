export type { AccountOptions, SocialProvidersOptions } from "./options.ts";
