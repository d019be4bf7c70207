/**
 * `hallq cert`: HTTPS for a hall without a PKI. Makes a hall CA once (kept in <data-dir>/tls, key mode 600) and a
 * server certificate signed by it for the names and addresses the hall uses; run again, it renews the server
 * certificate with the same CA, so kiosks, displays and clerk PCs that trust the CA need nothing new.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { checkName, createHallCa, createServerCert, describeCert, fingerprint, type PemPair } from './hall-certs';
import { CliError, DATA_DIR_OPTION, dataDirOf, parseCommand, type CommandIo } from './cli-kit';

export const CERT_HELP = `Usage: hallq cert [--name <host>]... [--ip <addr>]... [--days <n>] [--data-dir <dir>]

Makes the hall's own certificate authority (once: <data-dir>/tls/hall-ca.crt and hall-ca.key) and a
server certificate signed by it (<data-dir>/tls/hallq.crt and hallq.key), then prints the lines to add
to the configuration. Run it again to renew the server certificate: the CA stays, so the kiosks,
displays and clerk PCs that trust it need nothing new. Restart the hub afterwards.

Give every name and address the hall's devices use to reach the hub; a browser refuses any other.
  --name <host>   a DNS name, e.g. hallq.local (repeatable; default: this machine's host name and localhost)
  --ip <addr>     an IP address (repeatable; default: every non-internal IPv4 address here, and 127.0.0.1)
  --days <n>      validity of the server certificate (default 730, two years)
How the hall's devices trust the CA: docs/deploy.md, "Trusting the hall certificate".`;

export const TLS_DIR = 'tls';

/** The host's own addresses, as the SAN list wants them by default. */
export function defaultIps(): string[] {
  const found = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address);
  return [...new Set([...found, '127.0.0.1'])];
}

function writeSecret(file: string, text: string): void {
  // Written aside and renamed: a crash mid-write never leaves a half key where the hub reads it.
  writeFileSync(`${file}.new`, text, { mode: 0o600 });
  chmodSync(`${file}.new`, 0o600);
  renameSync(`${file}.new`, file);
}

function writePublic(file: string, text: string): void {
  writeFileSync(`${file}.new`, text, { mode: 0o644 });
  renameSync(`${file}.new`, file);
}

export async function runCert(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommand('cert', args, {
    ...DATA_DIR_OPTION,
    name: { type: 'string', multiple: true },
    ip: { type: 'string', multiple: true },
    days: { type: 'string' },
  });
  if (values.help) {
    io.out(CERT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}; names go after --name, addresses after --ip.`, 2);
  const dns = (values.name as string[] | undefined) ?? [hostname(), 'localhost'];
  const ips = (values.ip as string[] | undefined) ?? defaultIps();
  const problems = [...dns.map((n) => checkName('name', n)), ...ips.map((a) => checkName('ip', a))].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new CliError(problems.join('\n'), 2);
  const days = Number(typeof values.days === 'string' ? values.days : 730);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new CliError(`--days ${String(values.days)} is not a number of days from 1 to 3650.`, 2);

  const dir = join(dataDirOf(values['data-dir']), TLS_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caCert = join(dir, 'hall-ca.crt');
  const caKey = join(dir, 'hall-ca.key');
  const now = new Date();
  let ca: PemPair;
  let isNewCa = false;
  if (existsSync(caCert) && existsSync(caKey)) {
    ca = { certPem: readFileSync(caCert, 'utf8'), keyPem: readFileSync(caKey, 'utf8') };
  } else if (existsSync(caCert) || existsSync(caKey)) {
    throw new CliError(`Only one of ${caCert} and ${caKey} exists. Put the missing one back, or remove both to make a new CA (every device must then trust the new one).`);
  } else {
    ca = await createHallCa(`hallq hall CA ${hostname()}`, now);
    writeSecret(caKey, ca.keyPem);
    writePublic(caCert, ca.certPem);
    isNewCa = true;
  }
  const server = await createServerCert(ca, { dns, ips }, now, days);
  const certFile = join(dir, 'hallq.crt');
  const keyFile = join(dir, 'hallq.key');
  writeSecret(keyFile, server.keyPem);
  // The chain: the server certificate, then the CA, so a client that has the CA can check the link.
  writePublic(certFile, `${server.certPem}\n${ca.certPem}\n`);
  const summary = describeCert(server.certPem);
  io.out(`${isNewCa ? `Made the hall CA ${caCert} (its key ${caKey} stays here, mode 600).` : `Renewed with the existing hall CA ${caCert}.`}
CA fingerprint (SHA-256), to compare on each device that trusts it:
  ${await fingerprint(ca.certPem)}
Server certificate ${certFile}, valid until ${summary.notAfter.toISOString().slice(0, 10)}, for:
  ${[...summary.dns, ...summary.ips].join(', ')}

Add to the hall configuration (then restart the hub):
tls:
  cert: ${certFile}
  key: ${keyFile}
# optional: plain HTTP on port 80 for the display and visitors' phones only, staff redirected to HTTPS
# http:
#   plainHttp: public-only
#   plainPort: 80

${isNewCa ? 'Install ' + caCert + ' on every kiosk, display and clerk PC: docs/deploy.md, "Trusting the hall certificate".' : 'Devices that trust the hall CA need nothing new.'}`);
  return 0;
}
