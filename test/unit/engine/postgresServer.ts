/**
 * Test set-up: a throw-away PostgreSQL server on 127.0.0.1 in a temporary data directory, from the
 * machine's binaries (Debian's postgresql package; `.ci/run` installs it). The server refuses to run as
 * root, so as root it runs as the `postgres` user (runuser). Without binaries, `startPostgres` says why
 * and the caller skips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  readonly url: string;
  readonly port: number;
  stop(): void;
}

/** The folder of initdb and pg_ctl: Debian's versioned folder, else pg_config's. */
function binDir(): string | undefined {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = config.status === 0 ? config.stdout.trim() : '';
  return dir && existsSync(join(dir, 'initdb')) ? dir : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A running server, or the reason there is none. */
export async function startPostgres(): Promise<PostgresServer | string> {
  const bin = binDir();
  if (!bin) return 'no PostgreSQL binaries (initdb, pg_ctl): install Debian\'s postgresql package';
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'divergence-pg-'));
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
  const run = (tool: string, ...args: string[]) => {
    const command = root ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] as const : [join(bin, tool), args] as const;
    const r = spawnSync(command[0], command[1], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr || r.stdout}`);
  };
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync');
  run('pg_ctl', '-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log'), '-w', 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => {
      run('pg_ctl', '-D', data, '-m', 'immediate', '-w', 'stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
