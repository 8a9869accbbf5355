import { BlockList, isIP } from 'node:net';

/** The client's address as Hearth compares it: IPv4-mapped IPv6 (::ffff:a.b.c.d) back to IPv4. */
export function clientAddress(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** Parses "a.b.c.d", "a.b.c.d/n", "x::y", "x::y/n"; undefined when it is none of those. */
export function parseCidr(
  entry: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, bits, ...rest] = entry.trim().split('/');
  if (!address || rest.length > 0) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^\d+$/.test(bits ?? String(max)) || prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

export function addressInList(ip: string, cidrs: string[]): boolean {
  const list = new BlockList();
  for (const entry of cidrs) {
    const c = parseCidr(entry);
    if (c) list.addSubnet(c.address, c.prefix, c.family);
  }
  const address = clientAddress(ip);
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}
