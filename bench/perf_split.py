#!/usr/bin/env python3
"""Splits one JVM's perf samples (perf record -g, cpu-clock) by where the CPU went.

Usage: perf_split.py PERF_DATA [SYSCALLS_CSV TICKS]

Prints Markdown: the share of samples in the kernel (by system call), in JIT-compiled Java code,
in the JVM itself (by thread: compiler, GC, ...), in libc and in native libraries; the threads; the
hottest Java methods; and, with `perf stat -x,` counts of syscalls:sys_enter_* and the ticks sent in
the same window, the system calls per tick. Java frames are named through /tmp/perf-PID.map
(jcmd PID Compiler.perfmap).
"""
import collections
import re
import subprocess
import sys

SYSCALL = re.compile(r"^(?:__x64_sys_|__do_sys_|__se_sys_|ksys_)(\w+)")
# Some system calls enter through a helper with no sys_ frame (writev: do_syscall_64 calls
# do_writev directly); the function do_syscall_64 called names those.
SYSCALL_HELPER = re.compile(r"^do_(\w+)")


def samples(data):
    out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,ip,sym,dso"],
                         check=True, capture_output=True, text=True, errors="replace").stdout
    sample = None
    for line in out.splitlines():
        if not line.strip():
            if sample:
                yield sample
            sample = None
        elif not line.startswith((" ", "\t")):
            sample = (line.strip(), [])
        elif sample is not None:
            parts = line.strip().split(None, 1)
            rest = parts[1] if len(parts) > 1 else ""
            m = re.match(r"^(.*) \(([^()]*)\)$", rest)
            sym, dso = (m.group(1), m.group(2)) if m else (rest, "")
            sample[1].append((re.sub(r"\+0x[0-9a-f]+$", "", sym), dso))
    if sample:
        yield sample


def place(frames):
    """Where the leaf frame ran."""
    if not frames:
        return "unknown"
    sym, dso = frames[0]
    if "kernel" in dso:
        for i, (s, d) in enumerate(frames):
            if "kernel" not in d:
                break
            m = SYSCALL.match(s)
            if m:
                return "kernel: " + m.group(1)
            if s == "do_syscall_64" and i > 0:
                m = SYSCALL_HELPER.match(frames[i - 1][0])
                if m:
                    return "kernel: " + m.group(1)
        return "kernel: no system call (interrupts, scheduling)"
    if "perf-" in dso and dso.endswith(".map"):
        return "Java (JIT-compiled)"
    if "libjvm" in dso:
        return "JVM (libjvm)"
    if "libc" in dso or "libpthread" in dso:
        return "libc"
    if "netty" in dso:
        return "Netty native transport"
    if dso in ("[unknown]", "") or sym.startswith("Interpreter"):
        return "Java (interpreter, stubs, unknown)"
    return "native: " + dso.rsplit("/", 1)[-1]


def syscalls_per_tick(csv_path, ticks):
    print(f"\n| system call | calls | per tick |\n|---|---:|---:|")
    for line in open(csv_path):
        fields = line.strip().split(",")
        if len(fields) > 2 and fields[2].startswith("syscalls:sys_enter_") and fields[0].isdigit():
            calls = int(fields[0])
            if calls:
                print(f"| {fields[2].removeprefix('syscalls:sys_enter_')} | {calls} | {calls / ticks:.2f} |")


def thread_group(comm):
    return re.sub(r"[#\-]?\d+$", "", comm.split("/")[0]).strip() or comm


def table(title, counter, total, limit):
    print(f"\n| {title} | samples | share |\n|---|---:|---:|")
    for key, n in counter.most_common(limit):
        print(f"| {key} | {n} | {100 * n / total:.1f}% |")


def main():
    places, threads, methods = (collections.Counter() for _ in range(3))
    total = 0
    for comm, frames in samples(sys.argv[1]):
        total += 1
        where = place(frames)
        places[where] += 1
        threads[thread_group(comm)] += 1
        if where == "Java (JIT-compiled)":
            methods[frames[0][0][:110]] += 1
    if not total:
        print("no samples")
        return
    kernel = sum(n for k, n in places.items() if k.startswith("kernel"))
    print(f"{total} samples; kernel {100 * kernel / total:.1f}%, so the process's CPU is "
          f"{total / max(kernel, 1):.2f}x its kernel part")
    table("where the CPU ran", places, total, 25)
    table("thread (numbers dropped)", threads, total, 15)
    table("hottest JIT-compiled methods", methods, total, 15)
    if len(sys.argv) > 3 and int(sys.argv[3]) > 0:
        syscalls_per_tick(sys.argv[2], int(sys.argv[3]))


if __name__ == "__main__":
    main()
