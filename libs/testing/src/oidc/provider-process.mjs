// A real OpenID Connect provider for the tests (oidc-provider, which is ESM-only, hence a process
// of its own; ./oidc-provider.ts starts it). It publishes the key set it is given and issues JWT
// access tokens for Weerbaar's API: to confidential clients by the client-credentials grant, and
// to public clients (the web app) by the authorization code flow with PKCE, after its own
// development login and consent pages.
//
//   OIDC_PORT      port to listen on (the issuer is http://127.0.0.1:<port>)
//   OIDC_KEYS      JSON: private JWKs, each with a kid; the first signs
//   OIDC_CLIENTS   JSON: { <client_id>: { secret?, redirectUri?, audience, claims? } }
//                  with a secret: client credentials, the token carries `claims`;
//                  with a redirectUri: a public client of the code flow
//   OIDC_ACCOUNTS  JSON: { <login>: claims } for the code flow's people
//
// Prints "ready <issuer>" once it listens; stops on SIGTERM.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const keys = JSON.parse(process.env.OIDC_KEYS ?? '[]');
const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '{}');
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');
const issuer = `http://127.0.0.1:${port}`;
const RESOURCE = 'urn:weerbaar:api';

const provider = new Provider(issuer, {
  jwks: { keys },
  clients: Object.entries(clients).map(([id, client]) =>
    client.redirectUri
      ? {
          client_id: id,
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [client.redirectUri],
          token_endpoint_auth_method: 'none',
        }
      : {
          client_id: id,
          client_secret: client.secret,
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
          token_endpoint_auth_method: 'client_secret_basic',
        },
  ),
  scopes: ['openid', 'api'],
  ttl: { ClientCredentials: 300, AccessToken: 300 },
  pkce: { required: () => true },
  findAccount: (_ctx, id) =>
    accounts[id] ? { accountId: id, claims: () => ({ sub: id }) } : undefined,
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, _resource, client) => ({
        scope: 'api',
        audience: clients[client.clientId].audience,
        accessTokenTTL: 300,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: keys[0]?.alg ?? 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (_ctx, token) =>
    token.accountId ? accounts[token.accountId] : clients[token.clientId]?.claims,
});

const server = provider.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
