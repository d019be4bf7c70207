/**
 * CRC-16/MODBUS: reflected poly 0xA001, init 0xFFFF, no final XOR. Check value for the ASCII
 * bytes "123456789" is 0x4B37. Bitwise on purpose: frames are short and a table hides bugs.
 */
export function crc16Modbus(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
    }
  }
  return crc;
}
