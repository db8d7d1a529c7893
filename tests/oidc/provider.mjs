// A real OpenID Connect provider (panva's oidc-provider) for the single sign-on tests.
//
//   node provider.mjs '<json>'
//
// The JSON: {"port": 5555, "clients": [{"client_id", "client_secret", "redirect_uris",
// "post_logout_redirect_uris"}], "accounts": {"<login>": {"email", "email_verified",
// "name", "amr": ["pwd", "mfa"], "expired": false}}}. An account with "expired": true
// gets ID tokens issued two hours in the past, so they arrive expired. The provider
// listens on 127.0.0.1 only, prints "ready" once it does, and asks no consent (every
// client is trusted with the scopes it asks for).
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2] ?? process.env.OIDC_TEST_CONFIG ?? '{}');
const port = Number(config.port);
const issuer = `http://127.0.0.1:${port}`;
const accounts = config.accounts ?? {};

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  clients: (config.clients ?? []).map((client) => ({
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...client,
  })),
  cookies: { keys: ['test-provider-cookie-key'] },
  claims: {
    acr: null,
    amr: null,
    auth_time: null,
    sid: null,
    iss: null,
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { IdToken: 3600, AccessToken: 3600, Session: 3600, Interaction: 600, Grant: 3600 },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: account.email,
          email_verified: account.email_verified,
          name: account.name,
        };
      },
    };
  },
  // No consent screen: grant what the client asked for.
  async loadExistingGrant(ctx) {
    const { client, params, session } = ctx.oidc;
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(String(params.scope));
    await grant.save();
    return grant;
  },
});

// ID tokens of an "expired" account are issued with the clock two hours back.
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function issueMaybeExpired(options) {
  const sub = this.available?.sub;
  if (!accounts[sub]?.expired) return issue.call(this, options);
  const now = Date.now;
  Date.now = () => now() - 2 * 3600 * 1000;
  try {
    return await issue.call(this, options);
  } finally {
    Date.now = now;
  }
};

const loginPage = (uid, error) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title></head>
<body><main><h1>Test provider: sign in</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">Login</label> <input id="login" name="login" required>
<label for="password">Password</label> <input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form></main></body></html>`;

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

// The provider's own log-in page, in front of its interaction API.
provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== match[1]) ctx.throw(400, 'wrong interaction');
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = loginPage(details.uid);
    return undefined;
  }
  const form = await readForm(ctx.req);
  const login = form.get('login');
  const account = accounts[login];
  if (!account || (account.password ?? 'secret') !== form.get('password')) {
    ctx.type = 'html';
    ctx.status = 200;
    ctx.body = loginPage(details.uid, 'Unknown login or wrong password.');
    return undefined;
  }
  const result = { login: { accountId: login, amr: account.amr ?? ['pwd'] } };
  await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  return undefined;
});

provider.on('server_error', (ctx, error) => console.error('server_error', error));

createServer(provider.callback()).listen(port, '127.0.0.1', () => {
  console.log('ready');
});
process.on('SIGTERM', () => process.exit(0));
