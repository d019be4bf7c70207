import { TcpLink } from '../link/tcp-link';
import { EscPosPrinter, type EscPosPrinterOptions } from './escpos-printer';
import { FileLink } from './file-link';

type CommonOptions = Omit<EscPosPrinterOptions, 'link'>;

/** A network printer on raw port 9100 (or the simulator's ephemeral port). */
export function createNetworkPrinter(options: CommonOptions & { host: string; port?: number }): EscPosPrinter {
  const { host, port, ...rest } = options;
  return new EscPosPrinter({ ...rest, link: new TcpLink({ host, port: port ?? 9100 }) });
}

/**
 * A USB printer through the kernel usblp node, e.g. '/dev/usb/lp0'. Write-only by default, so
 * status is not read ('none'); pass `readable: true` only after checking the printer answers
 * DLE EOT over it. A serial/USB-CDC printer should use SerialLink instead: it reads reliably.
 */
export function createUsbLpPrinter(options: CommonOptions & { path: string; readable?: boolean }): EscPosPrinter {
  const { path, readable, ...rest } = options;
  return new EscPosPrinter({
    statusMode: readable ? 'realtime' : 'none',
    ...rest,
    link: new FileLink({ path, readable: readable ?? false }),
  });
}
