export const ACCESS_TOKENS_PATH = '/api/auth/accesstokens';
export const accessTokenPath = (token: string): string => `${ACCESS_TOKENS_PATH}/${encodeURIComponent(token)}`;
/** Shown to Relay admins in the token list (the AccessToken's clientName). */
export const RELAY_CLIENT_NAME = 'Relay Console';
