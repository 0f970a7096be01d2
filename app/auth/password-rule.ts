// Shared by the server-side policy (password.server.ts) and the forms that state it (client-safe: no imports).
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** The rule, as the forms state it under every new-password field. */
export const PASSWORD_RULE = "At least 12 characters; common or breached passwords are refused.";
