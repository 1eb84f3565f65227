// A real OpenID Connect provider for the tests (oidc-provider, which is ESM-only, hence a process
// of its own): it publishes the key set it is given and issues JWT access tokens to clients by the
// client-credentials grant, each client standing for one person with Weerbaar's claims.
//
//   OIDC_PORT     port to listen on (the issuer is http://127.0.0.1:<port>)
//   OIDC_KEYS     JSON: private JWKs, each with a kid; the first signs
//   OIDC_CLIENTS  JSON: { <client_id>: { secret, audience, claims: { role, municipality … } } }
//
// Prints "ready <issuer>" once it listens; stops on SIGTERM.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const keys = JSON.parse(process.env.OIDC_KEYS ?? '[]');
const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '{}');
const issuer = `http://127.0.0.1:${port}`;
const RESOURCE = 'urn:weerbaar:api';

const provider = new Provider(issuer, {
  jwks: { keys },
  clients: Object.entries(clients).map(([id, client]) => ({
    client_id: id,
    client_secret: client.secret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  scopes: ['api'],
  ttl: { ClientCredentials: 300 },
  features: {
    devInteractions: { enabled: false },
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
  extraTokenClaims: (_ctx, token) => clients[token.clientId]?.claims,
});

const server = provider.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
