import 'server-only';
import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';
import { env } from '../../core/env';

/** This machine's first non-internal IPv4 address: what a phone on the same network can reach. */
export function lanAddress(interfaces = networkInterfaces()): string | null {
  for (const addresses of Object.values(interfaces)) {
    const found = addresses?.find((address) => address.family === 'IPv4' && !address.internal);
    if (found) return found.address;
  }
  return null;
}

/**
 * The origin students type or scan: CLASSROOM_JOIN_ORIGIN when set (behind a proxy), else the
 * LAN address on the port the teacher's browser used, else the host the teacher asked for.
 */
export function joinOrigin(requestHost: string, protocol = 'http', lan = lanAddress()): string {
  if (env.CLASSROOM_JOIN_ORIGIN) return new URL(env.CLASSROOM_JOIN_ORIGIN).origin;
  if (lan === null) return `${protocol}://${requestHost}`;
  const port = /:(\d+)$/.exec(requestHost)?.[1];
  return `${protocol}://${lan}${port ? `:${port}` : ''}`;
}

export const joinPath = (code: string) => `/classroom/${code}/join`;

/** A QR code as SVG markup, drawn here: a classroom without internet still gets one. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#0f172a', light: '#ffffff' } });
}
