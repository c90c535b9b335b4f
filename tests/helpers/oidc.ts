/**
 * A real OpenID Connect provider on loopback for the single sign-on tests: the `oidc-provider`
 * package (the certified implementation many identity servers build on) with its development
 * login screens. Whatever is typed as "login" becomes the account id; its claims come from
 * `accounts` (an unknown login gets no email, so Parley must refuse it).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface OidcAccount {
  email?: string;
  emailVerified?: boolean;
  name?: string;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts can be added while it runs (a test makes its own people). */
  accounts: Map<string, OidcAccount>;
  stop(): Promise<void>;
}

export const OIDC_TEST_CLIENT_ID = "parley-test";
export const OIDC_TEST_CLIENT_SECRET = "parley-test-secret-0123456789abcdef";

/** Start it on `port` (0: any free one) for a Parley at `appOrigin` (its callback URL). */
export async function startOidcProvider(opts: { appOrigin: string; port?: number; accounts?: Record<string, OidcAccount> }): Promise<OidcTestProvider> {
  const accounts = new Map(Object.entries(opts.accounts ?? {}));
  const http: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = http.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_TEST_CLIENT_ID,
        client_secret: OIDC_TEST_CLIENT_SECRET,
        redirect_uris: [`${opts.appOrigin}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["parley-test-oidc-cookie-key-0123456789"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          const a = accounts.get(id);
          return { sub: id, ...(a?.email ? { email: a.email, email_verified: a.emailVerified ?? true } : {}), ...(a?.name ? { name: a.name } : {}) };
        },
      };
    },
  });
  http.on("request", provider.callback());
  return {
    issuer,
    clientId: OIDC_TEST_CLIENT_ID,
    clientSecret: OIDC_TEST_CLIENT_SECRET,
    accounts,
    async stop() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
