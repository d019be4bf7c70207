/**
 * A hub in a process of its own for the connection tests (test/security/connection-limits.test.ts): the demo
 * hall with the flood limits lifted and the `http:` section from HALLQ_TEST_HTTP (JSON), on 127.0.0.1. Its own
 * process so that its RSS is its own and the attacking sockets do not share its event loop.
 * Prints `listening <port>` once it answers; SIGTERM closes it.
 */
import { startHub } from '../../server/compose';
import { unlimitedConfig } from './hub';

const dataDir = process.env.HALLQ_DATA_DIR ?? '';
if (!dataDir) throw new Error('HALLQ_DATA_DIR is required');
const http = JSON.parse(process.env.HALLQ_TEST_HTTP ?? '{}') as Record<string, unknown>;
const config = unlimitedConfig((file) => {
  file.http = http as NonNullable<typeof file.http>;
});
const running = await startHub({ config, dataDir, host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${running.port}\n`);
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
