/** Structured JSON-lines logging; every line can carry context such as the request id. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type Logger = {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  child(context: Record<string, unknown>): Logger;
};

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Returns a logger writing JSON lines to stdout (stderr for errors) at or above `level`. */
export function createLogger(level: LogLevel, base: Record<string, unknown> = {}): Logger {
  const write = (lineLevel: Exclude<LogLevel, 'silent'>, message: string, context?: Record<string, unknown>) => {
    if (rank[lineLevel] < rank[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg: message, ...base, ...context });
    (lineLevel === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  };
  return {
    debug: (m, c) => write('debug', m, c),
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
    child: (context) => createLogger(level, { ...base, ...context }),
  };
}
