export { PASSKEY_ERROR_CODES } from "./error-codes.ts";
export {
	deletePasskey,
	generatePasskeyAuthenticationOptions,
	generatePasskeyAuthenticationOptionsPost,
	generatePasskeyRegistrationOptions,
	listPasskeys,
	passkeyRoutes,
	passkeySchema,
	updatePasskey,
	verifyPasskeyAuthentication,
	verifyPasskeyRegistration,
} from "./routes.ts";
