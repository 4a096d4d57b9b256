"""Measuring helpers for the benchmark: interleaved timings, process-tree memory, the machine."""

from __future__ import annotations

import os
import platform
import random
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Timing:
    """Wall-clock samples of one command or function, in seconds (and CPU time of commands)."""

    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system time of the child process

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def best(self) -> float:
        return min(self.samples)

    def ms(self) -> str:
        text = f"median {self.median * 1000:.1f} ms, min {self.best * 1000:.1f} ms"
        if self.cpu:
            text += f", CPU median {self.cpu_median * 1000:.1f} ms"
        return text


def interleaved_commands(
    commands: dict[str, Sequence[str]], reps: int, *, cwd: Path, warmup: int = 2
) -> dict[str, Timing]:
    """Run each command ``reps`` times, in a shuffled order each round (drift hits all alike)."""
    timings = {name: Timing() for name in commands}
    names = list(commands)
    rng = random.Random(6)
    for round_ in range(warmup + reps):
        rng.shuffle(names)
        for name in names:
            start = time.perf_counter()
            process = subprocess.Popen(commands[name], cwd=cwd, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode != 0:
                raise RuntimeError(f"{name} failed: {' '.join(commands[name])}")
            if round_ >= warmup:
                timings[name].samples.append(elapsed)
                timings[name].cpu.append(usage.ru_utime + usage.ru_stime)
    return timings


def interleaved_calls(
    calls: dict[str, Callable[[], object]], reps: int, *, warmup: int = 1
) -> dict[str, Timing]:
    """The in-process counterpart of :func:`interleaved_commands`."""
    timings = {name: Timing() for name in calls}
    names = list(calls)
    rng = random.Random(6)
    for round_ in range(warmup + reps):
        rng.shuffle(names)
        for name in names:
            start = time.perf_counter()
            calls[name]()
            elapsed = time.perf_counter() - start
            if round_ >= warmup:
                timings[name].samples.append(elapsed)
    return timings


# --- memory of a process tree ---------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields start after the last ")".
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _tree(pid: int) -> list[int]:
    children = _children_map()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_pss(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


@dataclass
class TreeRun:
    """One command run with the peak memory of its whole process tree."""

    seconds: float
    peak_rss: int  # sum over the tree of resident memory (shared pages counted in each process)
    peak_pss: int  # proportional share: shared pages split between the processes using them
    processes: int  # most processes seen at once
    returncode: int


def run_tree(argv: Sequence[str], *, cwd: Path, interval: float = 0.02) -> TreeRun:
    """Run ``argv``, sampling the resident memory of it and all its descendants."""
    peak_rss = peak_pss = most = 0
    stop = threading.Event()

    def sample(pid: int) -> None:
        nonlocal peak_rss, peak_pss, most
        while not stop.is_set():
            pids = _tree(pid)
            totals = [_rss_pss(p) for p in pids]
            peak_rss = max(peak_rss, sum(t[0] for t in totals))
            peak_pss = max(peak_pss, sum(t[1] for t in totals))
            most = max(most, len(pids))
            stop.wait(interval)

    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL,  # noqa: S603
                               stderr=subprocess.PIPE)
    sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed: {err.decode()[-800:]}")
    return TreeRun(seconds, peak_rss, peak_pss, most, process.returncode)


# --- the machine ----------------------------------------------------------------------------


def machine(pandoc: str) -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    pandoc_version = subprocess.run([pandoc, "--version"], capture_output=True, text=True,
                                    check=False).stdout.splitlines()[0]
    try:
        from importlib.metadata import version

        typst_version = f"typst (Python package) {version('typst')}"
    except Exception:  # noqa: BLE001
        typst_version = "unknown"
    return {
        "CPU": cpu,
        "Cores": f"{os.cpu_count()} logical, {len(os.sched_getaffinity(0))} usable",
        "Memory": memory,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "pandoc": pandoc_version,
        "typst": typst_version,
        "Load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
