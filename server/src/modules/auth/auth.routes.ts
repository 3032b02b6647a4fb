import * as c from '@contracts/auth.contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/http/auth';
import { bindRoute } from '../../platform/http/route';
import type { Platform } from '../../platform/platform';
import * as auth from './auth.service';
import * as tokens from './tokens.service';

export function registerAuthRoutes(app: FastifyInstance, platform: Platform): void {
  const meta = (req: FastifyRequest): auth.RequestMeta => ({
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: req.id,
    locale: req.locale,
  });
  // Secure whenever the request came over TLS (directly, or through a trusted proxy's X-Forwarded-Proto), so
  // a deployment behind HTTPS gets it without COOKIE_SECURE; plain http on localhost keeps working.
  const secure = (req: FastifyRequest) => platform.config.cookieSecure || req.protocol === 'https';
  const signIn = (req: FastifyRequest, reply: FastifyReply, signed: auth.SignedIn) => {
    const options = {
      path: '/',
      sameSite: 'lax' as const,
      secure: secure(req),
      expires: signed.session.expiresAt,
    };
    reply.setCookie(SESSION_COOKIE, signed.session.cookie, { ...options, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, signed.session.csrfToken, { ...options, httpOnly: false });
    return signed.me;
  };

  bindRoute(app, platform, c.getSetupStatus, async () => ({ needed: await auth.isSetupNeeded(platform) }));
  bindRoute(app, platform, c.runSetup, async ({ body, req, reply }) =>
    signIn(req, reply, await auth.runSetup(platform, body, meta(req))),
  );
  bindRoute(app, platform, c.login, async ({ body, req, reply }) =>
    signIn(req, reply, await auth.login(platform, body, meta(req))),
  );
  bindRoute(app, platform, c.logout, async ({ principal, actor, req, reply }) => {
    await auth.logout(platform, principal, actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/', secure: secure(req) });
    reply.clearCookie(CSRF_COOKIE, { path: '/', secure: secure(req) });
    return null;
  });
  bindRoute(app, platform, c.requestPasswordReset, async ({ body, req }) => {
    await auth.requestPasswordReset(platform, body.email, meta(req));
    return { ok: true as const };
  });
  bindRoute(app, platform, c.confirmPasswordReset, async ({ body, req }) => {
    await auth.confirmPasswordReset(platform, body, meta(req));
    return null;
  });
  bindRoute(app, platform, c.getInvitation, async ({ params }) => auth.getInvitation(platform, params.token));
  bindRoute(app, platform, c.acceptInvitation, async ({ body, req, reply }) =>
    signIn(req, reply, await auth.acceptInvitation(platform, body, meta(req))),
  );
  bindRoute(app, platform, c.getMe, async ({ principal }) => auth.getMe(platform, principal));
  bindRoute(app, platform, c.updateMe, async ({ principal, actor, body }) =>
    auth.updateMe(platform, principal, actor, body),
  );
  bindRoute(app, platform, c.changePassword, async ({ principal, actor, body }) => {
    await auth.changePassword(platform, principal, actor, body);
    return null;
  });
  bindRoute(app, platform, c.listTokens, async ({ principal }) => ({
    items: await tokens.listTokens(platform, principal),
  }));
  bindRoute(app, platform, c.createToken, async ({ principal, actor, body }) =>
    tokens.createToken(platform, principal, actor, body),
  );
  bindRoute(app, platform, c.revokeToken, async ({ principal, actor, params }) => {
    await tokens.revokeToken(platform, principal, actor, params.id);
    return null;
  });
}
