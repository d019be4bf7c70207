/**
 * Reading a new password: typed twice without echo on a terminal, or the first line of stdin with
 * --password-stdin (scripts, tests). Never from an argument: arguments show up in `ps` and shell history.
 */
import { CliError } from './cli-kit';
import { checkNewPassword } from '../domain/staff-rules';

export async function readNewPassword(fromStdin: boolean, username: string): Promise<string> {
  const password = fromStdin ? await readStdinLine() : await promptTwice(username);
  // The console's rule too (server/domain/staff-rules.ts).
  const checked = checkNewPassword(password);
  if (!checked.ok) throw new CliError(checked.message);
  return checked.value;
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

async function promptTwice(username: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('No terminal to ask for the password: pipe it with --password-stdin.', 2);
  const first = await promptHidden(`New password for ${username}: `);
  const second = await promptHidden('Repeat it: ');
  if (first !== second) throw new CliError('The two passwords differ; nothing was changed.');
  return first;
}

/** Reads one line in raw mode, echoing nothing; Ctrl-C aborts. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (data: Buffer): void => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(typed));
        if (ch === '\u0003') return finish(() => reject(new CliError('Cancelled.', 130)));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    const finish = (settle: () => void): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      settle();
    };
    stdin.on('data', onData);
  });
}
