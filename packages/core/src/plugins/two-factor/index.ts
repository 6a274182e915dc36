export { TWO_FACTOR_ERROR_CODES, TWO_FACTOR_INLINE_ERRORS } from "./error-codes.ts";
export {
	disableTwoFactor,
	enableTwoFactor,
	generateBackupCodes,
	generateTOTP,
	getTOTPURI,
	sendTwoFactorOTP,
	twoFactorRoutes,
	twoFactorServerRoutes,
	verifyBackupCode,
	verifyTOTP,
	verifyTwoFactorOTP,
	viewBackupCodes,
} from "./routes.ts";
