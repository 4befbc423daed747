import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { guardedLookup, isPrivateAddress } from '../targetGuard.js';

/** What one delivery attempt came to: a 2xx acknowledges; anything else is retried. */
export interface PostOutcome {
  readonly ok: boolean;
  readonly statusCode?: number;
  readonly error?: string;
  readonly durationMs: number;
}

export interface WebhookSender {
  readonly post: (
    url: string,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ) => Promise<PostOutcome>;
  /** Closes the kept-alive connections. */
  readonly close: () => void;
}

/**
 * POSTs deliveries over node:http(s) for one subscription: its own kept-alive connection (a receiver
 * that hangs holds only its own subscription's), a deadline on the whole exchange (`timeoutMs`, body
 * included), redirects never followed (3xx is a failure), and the SSRF guard at connect time.
 */
export const createWebhookSender = (options: { allowPrivate: boolean; timeoutMs: number }): WebhookSender => {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 1 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 1 }),
  };
  const lookup = guardedLookup(options.allowPrivate);

  const post: WebhookSender['post'] = (url, headers, body, signal) =>
    new Promise((resolve) => {
      const started = performance.now();
      let deadline: NodeJS.Timeout | undefined;
      const finish = (outcome: Omit<PostOutcome, 'durationMs'>) => {
        clearTimeout(deadline);
        resolve({ ...outcome, durationMs: Math.round(performance.now() - started) });
      };
      const target = new URL(url);
      const host = target.hostname.replace(/^\[|\]$/g, '');
      // Lookups are skipped for IP literals: judge those here.
      if (!options.allowPrivate && isIP(host) && isPrivateAddress(host))
        return finish({ ok: false, error: `refused: ${host} is a private, loopback or link-local address` });
      const transport = target.protocol === 'https:' ? https : http;
      const request = transport.request(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: target.protocol === 'https:' ? agents['https:'] : agents['http:'],
        lookup,
        signal,
      });
      deadline = setTimeout(
        () => request.destroy(new Error(`timed out after ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      request.once('response', (response) => {
        const statusCode = response.statusCode ?? 0;
        // Read the answer to its end so that the connection can be reused; its content is not kept.
        response.resume();
        response.once('end', () =>
          finish(
            statusCode >= 200 && statusCode < 300
              ? { ok: true, statusCode }
              : {
                  ok: false,
                  statusCode,
                  error: statusCode >= 300 && statusCode < 400 ? 'redirect not followed' : undefined,
                },
          ),
        );
        response.once('error', (error) => finish({ ok: false, statusCode, error: describe(error) }));
      });
      request.once('error', (error) => finish({ ok: false, error: describe(error) }));
      request.end(body);
    });

  return {
    post,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
};

const describe = (error: Error & { code?: string }) =>
  (error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message).slice(0, 500);
