export { accountInfo, getAccessToken, refreshToken } from "./account-tokens.ts";
export { callbackOAuth } from "./callback.ts";
export { callbackOAuthPost } from "./callback-post.ts";
export { linkSocialAccount } from "./link-social.ts";
export { signInSocial } from "./sign-in-social.ts";
