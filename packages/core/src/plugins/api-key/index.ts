export { API_KEY_ERROR_CODES, API_KEY_RATE_LIMITED_CODE } from "./error-codes.ts";
export {
	API_KEY_METADATA_MAX_JSON,
	API_KEY_SORT_FIELDS,
	apiKeyPermissionsSchema,
	apiKeyRoutes,
	apiKeySchema,
	apiKeyServerRoutes,
	createApiKey,
	deleteAllExpiredApiKeys,
	deleteApiKey,
	getApiKey,
	listApiKeys,
	updateApiKey,
	verifyApiKey,
} from "./routes.ts";
