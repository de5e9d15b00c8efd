// The machine the bench runs on, and how busy it is: CPU, cores, memory, free disk, load, CPU pressure.
import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';


/** Linux PSI: the share of the last 60 s in which some runnable task waited for a CPU, in %; undefined elsewhere. */
export function cpuPressure() {
  try {
    const m = /^some avg10=[\d.]+ avg60=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function memAvailable() {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return os.freemem();
}

export function freeDisk(path) {
  try {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
}
