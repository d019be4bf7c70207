/**
 * The byte links of the hall's real devices, made one way for the window buses and the kiosks' printers
 * and readers: a serial port (the native driver is loaded on first use, so a hall without serial devices
 * never needs it) or a TCP connection (an RS-485/RS-232-to-Ethernet bridge, or a network printer).
 */
import type { ByteLink } from '../../drivers/device';
import { SerialLink, loadNativeBinding } from '../../drivers/link/serial-link';
import { TcpLink } from '../../drivers/link/tcp-link';

/** Rejects when the serial port driver cannot be loaded on this computer. */
export async function serialLink(path: string, baudRate: number): Promise<ByteLink> {
  return new SerialLink({ path, baudRate, binding: await loadNativeBinding() });
}

export function tcpLink(host: string, port: number): ByteLink {
  return new TcpLink({ host, port });
}
