/** Where the OpenID Connect provider sends the person back (the redirect URI to register). */
export const CALLBACK_PATH = '/auth/callback';
