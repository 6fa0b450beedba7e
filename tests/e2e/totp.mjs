// RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) with RFC 4648 base32 secrets, for the tests' own use.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function hotp(key, counter, digits = 6) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const bin = (mac.readUInt32BE(off) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

/** The code for `secret` (base32) at `timeMs` (default now). */
export function totp(secret, timeMs = Date.now(), { step = 30, digits = 6 } = {}) {
  return hotp(base32Decode(secret), Math.floor(timeMs / 1000 / step), digits);
}

/** The current 30-second step number. */
export function totpStep(timeMs = Date.now(), step = 30) {
  return Math.floor(timeMs / 1000 / step);
}
