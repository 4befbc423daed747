import type { FastifyReply } from 'fastify';
import type { SignInRefusal } from './signInPerson.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const htmlText = (text: string) => text.replace(/[&<>"']/g, (c) => entities[c] ?? c);

/** The console's look, no script: these pages are answers to a browser's navigation, not to the API. */
export const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)} · PRM</title><link rel="stylesheet" href="/styles.css"></head>
<body><main id="content"><section class="card sign-in"><h1>${htmlText(title)}</h1>${body}</section></main>
</body></html>`;

export const paragraph = (text: string) => `<p>${htmlText(text)}</p>`;
export const htmlEscape = htmlText;

export const sendPage = (reply: FastifyReply, status: number, title: string, body: string) =>
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'self'; form-action 'self'")
    .header('cache-control', 'no-store')
    .send(page(title, body));

const refusalText: Record<SignInRefusal | 'expired' | 'failed', string> = {
  unknown: 'No one is registered with this email address. Ask your partner admin or channel manager to add you.',
  unverified: 'Your identity provider has not verified this email address, so it cannot be matched to a person.',
  departed:
    'You no longer work for a partner of this channel (or your partner has been terminated), so you cannot sign in.',
  expired: 'This sign-in link was already used or has expired. Ask for a new one.',
  failed: 'Signing in did not complete (it may have taken too long). Please start again.',
};

/** A refusal the person can understand, with the way back. */
export const sendRefusal = (reply: FastifyReply, why: SignInRefusal | 'expired' | 'failed') =>
  sendPage(
    reply,
    why === 'failed' ? 400 : 403,
    'Cannot sign you in',
    `${paragraph(refusalText[why])}<p><a href="/" data-refusal="${why}">Back to the sign-in page</a></p>`,
  );
