export type {
	AccountOptions,
	AppleOptions,
	GenericOIDCOptions,
	GitlabOptions,
	GoogleOptions,
	MicrosoftOptions,
	ProviderOptions,
	ProviderProfile,
	ProviderUser,
	SocialProvidersOptions,
} from "./options.ts";
export { socialProviderIds } from "./providers/provider-ids.ts";
