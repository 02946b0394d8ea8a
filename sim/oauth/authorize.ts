// The authorize page (bluejeans.com/oauth2/authorize, reference §1.4): a real HTML login and consent form.
// GET shows it; POST (the form) checks the password and redirects to the app with `code` and `state`, or
// with `error=401` when the user declines. Query parameters are camelCase on the wire.
import { readBody, redirect, sendHtml, query, type Ctx } from '../http.ts';
import { adminUser, checkSeamPassword, oauthApp, regularUser, type OAuthApp } from '../world/accounts.ts';
import type { World } from '../world/world.ts';
import { redirectAllowed, withParams } from './redirects.ts';
import { parseScopes, scopeDescriptions, type Scope } from './scopes.ts';

interface AuthorizeRequest {
  app: OAuthApp;
  clientId: string;
  redirectUri: string;
  state: string | null;
  scopeRaw: string;
  scopes: Scope[];
  appName: string;
  responseType: string;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – BlueJeans (simulator)</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;background:#f3f5f8;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:48px 16px;padding:28px 32px;border-radius:10px;box-shadow:0 2px 12px #0002;max-width:420px;width:100%}
h1{font-size:20px;margin:0 0 12px}label{display:block;margin:12px 0 4px;font-weight:600}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;border:1px solid #9aa4b2;border-radius:6px}
ul{padding-left:20px}.error{color:#a4000f;background:#fde8ea;padding:8px;border-radius:6px}
.hint{color:#555;font-size:13px;background:#eef2f7;padding:8px;border-radius:6px}
.buttons{display:flex;gap:12px;margin-top:20px}button{padding:8px 18px;border-radius:6px;border:1px solid #1f5fbf;font-size:15px}
button[value=allow]{background:#1f5fbf;color:#fff}button[value=deny]{background:#fff;color:#1f5fbf}
</style></head><body><main>${body}</main></body></html>`;
}

function errorPage(ctx: Ctx, status: number, message: string): void {
  sendHtml(ctx, status, page('Sign-in error', `<h1>Cannot sign in</h1><p class="error" role="alert">${esc(message)}</p>`));
}

function formPage(ctx: Ctx, status: number, r: AuthorizeRequest, error: string | null, username = ''): void {
  const hidden = (name: string, value: string | null) => (value === null ? '' : `<input type="hidden" name="${name}" value="${esc(value)}">`);
  const scopes = r.scopes.map((s) => `<li>${esc(scopeDescriptions[s])} <code>${s}</code></li>`).join('');
  sendHtml(
    ctx,
    status,
    page(
      'Sign in',
      `<h1>Sign in to BlueJeans</h1>
<p><strong>${esc(r.appName)}</strong> would like to:</p><ul>${scopes}</ul>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/oauth2/authorize">
${hidden('clientId', r.clientId)}${hidden('redirectUri', r.redirectUri)}${hidden('state', r.state)}${hidden('scope', r.scopeRaw)}${hidden('responseType', r.responseType)}${hidden('appName', r.appName)}
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" value="${esc(username)}" required>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="buttons"><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button></div>
</form>
<p class="hint">Simulator demo users: <code>${esc(adminUser.username)}</code> / <code>${esc(adminUser.password)}</code> (enterprise admin),
<code>${esc(regularUser.username)}</code> / <code>${esc(regularUser.password)}</code>.</p>`,
    ),
  );
}

/** Validates the request; answers (error page or error redirect) and returns null when it is not usable. */
function parseRequest(ctx: Ctx, params: URLSearchParams): AuthorizeRequest | null {
  const clientId = params.get('clientId') ?? '';
  const app = clientId === oauthApp.clientId ? oauthApp : undefined;
  if (!app) {
    errorPage(ctx, 400, 'Unknown application (clientId).');
    return null;
  }
  const redirectUri = params.get('redirectUri') ?? '';
  if (!redirectAllowed(app, redirectUri)) {
    // Never redirect to a URL the app did not register.
    errorPage(ctx, 400, 'The redirectUri is not registered for this application.');
    return null;
  }
  const state = params.get('state');
  const fail = (error: string) => {
    redirect(ctx, withParams(redirectUri, state === null ? { error } : { error, state }));
    return null;
  };
  const responseType = params.get('responseType') ?? 'code';
  if (responseType !== 'code') return fail('unsupported_response_type');
  const scopeRaw = params.get('scope') ?? '';
  const scopes = parseScopes(scopeRaw);
  if (!scopes) return fail('invalid_scope');
  return { app, clientId, redirectUri, state, scopeRaw, scopes, appName: params.get('appName') || app.appName, responseType };
}

export function handleAuthorizePage(ctx: Ctx): void {
  const r = parseRequest(ctx, query(ctx));
  if (r) formPage(ctx, 200, r, null);
}

export async function handleAuthorizeSubmit(ctx: Ctx, world: World): Promise<void> {
  const body = await readBody(ctx, 64 * 1024);
  if (!body.ok) return errorPage(ctx, 413, 'The form is too large.');
  const form = new URLSearchParams(body.text);
  const r = parseRequest(ctx, form);
  if (!r) return;
  const keepState = (params: Record<string, string>) => (r.state === null ? params : { ...params, state: r.state });
  if (form.get('decision') !== 'allow') {
    // Declined consent: the callback gets error=401 (reference §1.4, inferred from [3LEG]).
    return redirect(ctx, withParams(r.redirectUri, keepState({ error: '401', error_description: 'access_denied' })));
  }
  const username = form.get('username') ?? '';
  const user = checkSeamPassword(username, form.get('password') ?? '');
  if (!user) return formPage(ctx, 401, r, 'Incorrect username or password.', username);
  const code = world.tokens.issueCode({ clientId: r.clientId, redirectUri: r.redirectUri, userId: user.id, scopes: r.scopes });
  redirect(ctx, withParams(r.redirectUri, keepState({ code: code.value })));
}
