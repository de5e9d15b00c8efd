import { reportError, run } from './main';

// Whatever escapes `main` (an exception thrown later, a rejected promise) still ends as the contract says:
// one line, a JSON error with --json, exit status 2, never a stack trace.
const wantsJson = process.argv.includes('--json');
const fatal = (e: unknown): void => {
  process.exitCode = reportError(e, wantsJson);
  process.exit();
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);
// `divergence ... | head -0`: a closed stdout is not an error of the command.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  fatal(e);
});

void run(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
}, fatal);
