/**
 * How long a password may be: apart from the hashing so the dashboard can show (and check) the same rule
 * as the API without pulling WebCrypto code into its bundle and type checks.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
