// Starts the tests' OpenID Connect provider (./provider-process.mjs) as a process of its own, with
// the keys, clients and accounts given; restarts it with other keys (a rotation); and fetches
// client-credentials tokens from it.
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { join } from 'node:path';

export interface SigningKey {
  kid: string;
  /** The private JWK the provider signs with. */
  jwk: JsonWebKey;
  /** The same private key as PEM, for tokens a test signs itself. */
  pem: string;
}

export function aSigningKey(kid: string): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid,
    jwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' },
    pem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

export interface OidcClient {
  /** Client credentials: the secret, and the claims its tokens carry. */
  secret?: string;
  claims?: Record<string, string>;
  /** A public client of the code flow, sent back here. */
  redirectUri?: string;
  audience: string;
}

export interface OidcProviderOptions {
  port: number;
  keys: SigningKey[];
  clients: Record<string, OidcClient>;
  /** The code flow's people by login, with the claims of their tokens. */
  accounts?: Record<string, Record<string, string>>;
}

export class OidcProvider {
  private child: ChildProcess | undefined;

  private constructor(private options: OidcProviderOptions) {}

  get issuer(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  static async start(options: OidcProviderOptions): Promise<OidcProvider> {
    const provider = new OidcProvider(options);
    await provider.restart(options.keys);
    return provider;
  }

  /** Stops the provider and starts it again with these keys (the first signs). */
  async restart(keys: SigningKey[]): Promise<void> {
    await this.stop();
    this.options = { ...this.options, keys };
    const child = spawn(process.execPath, [join(__dirname, 'provider-process.mjs')], {
      env: {
        PATH: process.env.PATH,
        OIDC_PORT: String(this.options.port),
        OIDC_KEYS: JSON.stringify(keys.map((key) => key.jwk)),
        OIDC_CLIENTS: JSON.stringify(this.options.clients),
        OIDC_ACCOUNTS: JSON.stringify(this.options.accounts ?? {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((ready, failed) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready ')) ready();
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => failed(new Error(`the provider exited (${code}): ${output}`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }

  /** An access token by the client-credentials grant. */
  async clientCredentialsToken(clientId: string): Promise<string> {
    const client = this.options.clients[clientId];
    const basic = Buffer.from(`${clientId}:${client.secret}`).toString('base64');
    const res = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=api',
    });
    const body = (await res.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
    return body.access_token;
  }
}
