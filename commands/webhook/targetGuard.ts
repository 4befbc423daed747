import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * SSRF guard for webhook targets: private, loopback, link-local, shared (CGNAT), multicast and reserved
 * addresses are refused unless `allowPrivate` (PRM_WEBHOOKS_ALLOW_PRIVATE=true). Checked on the
 * addresses a name resolves to, and at connect time through `guardedLookup`, so a name that resolves
 * to a public address at subscription and to 127.0.0.1 later (DNS rebinding) is still refused.
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** An IPv4 address mapped into IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it is. */
const unmapped = (address: string) => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1] : address;
};

export const isPrivateAddress = (address: string): boolean => {
  const plain = unmapped(address.replace(/^\[|\]$/g, ''));
  const family = isIP(plain);
  if (family === 0) return true;
  return blocked.check(plain, family === 4 ? 'ipv4' : 'ipv6');
};

const refusal = (host: string, address: string) =>
  `${host} is a private, loopback or link-local address (${address}); set PRM_WEBHOOKS_ALLOW_PRIVATE=true to allow it`;

/**
 * Why a webhook URL may not be a target, or undefined when it may: http(s) only (plain http only with
 * private targets allowed, i.e. in development), and no private address (after resolving the name).
 * A name that does not resolve (yet) is accepted: delivery checks again, and retries.
 */
export const targetRefusal = async (url: string, allowPrivate: boolean): Promise<string | undefined> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:'))
    return allowPrivate ? 'must be an http(s) URL' : 'must be an https URL';
  if (parsed.username || parsed.password) return 'must not carry credentials';
  if (allowPrivate) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPrivateAddress(host) ? refusal(host, host) : undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) return refusal(host, 'loopback');
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    return bad ? refusal(host, bad.address) : undefined;
  } catch {
    return undefined;
  }
};

/** A `lookup` for http(s).request that refuses private addresses at connect time (unless allowed). */
export const guardedLookup =
  (allowPrivate: boolean): LookupFunction =>
  (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true, verbatim: true }).then(
      (addresses) => {
        const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
        if (bad || addresses.length === 0) {
          const error = Object.assign(new Error(bad ? refusal(hostname, bad.address) : `${hostname} has no address`), {
            code: bad ? 'EPRIVATETARGET' : 'ENOTFOUND',
          });
          return callback(error, '', 4);
        }
        if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
