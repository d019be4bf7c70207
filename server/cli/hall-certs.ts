/**
 * A hall CA and server certificates signed by it, for halls without a PKI (`hallq cert`, docs/deploy.md).
 * X.509 on Node's WebCrypto through @peculiar/x509: the openssl command cannot be assumed on a hall's PC.
 * ECDSA P-256 with SHA-256: accepted by Chromium, Windows, and the Debian/UOS/Kylin trust stores alike.
 * No file I/O here; cmd-cert.ts reads and writes.
 */
// @peculiar/x509 (through tsyringe) needs the Reflect metadata API at import time.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

export interface PemPair {
  readonly certPem: string;
  readonly keyPem: string;
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key as unknown as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** Escapes what a DN string gives meaning to, so a hall's host name cannot change the subject's structure. */
function dnValue(text: string): string {
  return text.replace(/[\\,+="<>#;]/g, (c) => `\\${c}`);
}

/** A CA for one hall: signs the hall's server certificates and nothing else (path length 0). */
export async function createHallCa(commonName: string, now: Date, days = 3650): Promise<PemPair> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${dnValue(commonName)}, O=hallq`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + days * DAY_MS),
    signingAlgorithm: SIGNING,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}

/** Names and addresses the certificate is for: DNS names and IP addresses, as the SAN extension holds them. */
export interface ServerNames {
  readonly dns: readonly string[];
  readonly ips: readonly string[];
}

/** A server certificate for `names`, signed by the hall CA; a fresh key each time (renewal replaces both). */
export async function createServerCert(ca: PemPair, names: ServerNames, now: Date, days = 730): Promise<PemPair> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.keyPem), ALGORITHM, false, ['sign']);
  const keys = await newKeys();
  const altNames: x509.JsonGeneralName[] = [...names.dns.map((value) => ({ type: 'dns' as const, value })), ...names.ips.map((value) => ({ type: 'ip' as const, value }))];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '7'),
    subject: `CN=${dnValue(names.dns[0] ?? names.ips[0] ?? 'hallq')}, O=hallq`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + days * DAY_MS),
    signingAlgorithm: SIGNING,
    publicKey: keys.publicKey,
    signingKey: caKey as unknown as CryptoKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(altNames),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}

/** A name for the SAN list, or the reason it cannot be one. */
export function checkName(kind: 'name' | 'ip', value: string): string | undefined {
  if (kind === 'ip') return isIPv4(value) || isIPv6(value) ? undefined : `--ip ${value} is not an IP address`;
  return /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/.test(value) ? undefined : `--name ${value} is not a host name (letters, digits, - and .)`;
}

/** The SHA-256 fingerprint people compare on a kiosk before trusting a CA: AB:CD:… */
export async function fingerprint(certPem: string): Promise<string> {
  const hex = Buffer.from(await new x509.X509Certificate(certPem).getThumbprint('SHA-256')).toString('hex').toUpperCase();
  return hex.match(/../g)?.join(':') ?? hex;
}

/** The subject, validity and SANs of a certificate, for the command's summary and for tests. */
export function describeCert(certPem: string): { subject: string; issuer: string; notAfter: Date; dns: string[]; ips: string[] } {
  const cert = new x509.X509Certificate(certPem);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const items = san?.names.items ?? [];
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    notAfter: cert.notAfter,
    dns: items.filter((n) => n.type === 'dns').map((n) => n.value),
    ips: items.filter((n) => n.type === 'ip').map((n) => n.value),
  };
}
