/** Reads a hall configuration file (JSON or YAML) and validates it. The only file I/O for config. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { loadConfig, type ConfigResult } from './config';

export function readConfigFile(path: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ path: '/', message: `cannot read ${path}: ${(error as Error).message}` }] };
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '/', message: `${path} is not valid ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${(error as Error).message}` }] };
  }
  return loadConfig(data);
}
