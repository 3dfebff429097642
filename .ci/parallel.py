"""Run groups of make targets side by side, each group's targets one after another.

    python3 .ci/parallel.py "python: install" -- "sqlite ports=3 nice=5: test-sqlite" ...

A group is `NAME [ports=N] [nice=N]: TARGET ...`; `--` starts a phase that waits for the groups
before it (and is not run when one of them failed). Each group's output goes to its own log, printed
whole when the group ends, so logs never interleave; a summary with every target's time comes
last, and the exit status is 1 when any target failed (every group of a phase still runs to
its end).
With PROVNOTES_TEST_PORTS set ("8110-8119"), each group that asks for ports gets that many
ports of the range to itself, so servers of parallel groups never pick the same free port;
unset, every server takes any port the system picks, as before. `nice=N` runs a group at that
much lower priority, so that the steps whose work is bounded by a time budget (schemathesis)
or which measure latencies (the fault suite) get the CPU they would get alone."""

import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

GROUP = re.compile(
    r"^(?P<name>[\w-]+)(?:\s+ports=(?P<ports>\d+))?(?:\s+nice=(?P<nice>\d+))?:"
    r"(?P<targets>(?:\s+[\w-]+)+)$"
)
HEARTBEAT = 120.0  # seconds between "still running" lines, so a quiet CI log shows progress


@dataclass
class Group:
    name: str
    ports: int
    nice: int
    targets: list[str]
    env: dict[str, str] = field(default_factory=dict)
    times: list[tuple[str, float, int]] = field(default_factory=list)  # target, seconds, status
    log: Path | None = None
    done: bool = False

    @property
    def failed(self) -> list[str]:
        return [target for target, _, status in self.times if status != 0]


def parse(spec: str) -> Group:
    match = GROUP.match(spec.strip())
    if match is None:
        raise SystemExit(f"{spec!r}: a group is 'NAME [ports=N] [nice=N]: TARGET ...'")
    ports, nice = int(match["ports"] or 0), int(match["nice"] or 0)
    return Group(match["name"], ports, nice, match["targets"].split())


def share_ports(groups: list[Group]) -> None:
    """Give each group that asks for ports its own slice of PROVNOTES_TEST_PORTS."""
    span = os.environ.get("PROVNOTES_TEST_PORTS", "")
    if not span:
        return
    first, _, last = span.partition("-")
    start, end = int(first), int(last or first)
    wanted = sum(group.ports for group in groups)
    if end - start + 1 < wanted:
        raise SystemExit(
            f"PROVNOTES_TEST_PORTS={span} holds {end - start + 1} ports; "
            f"the parallel groups need {wanted}"
        )
    for group in groups:
        if group.ports:
            group.env["PROVNOTES_TEST_PORTS"] = f"{start}-{start + group.ports - 1}"
            start += group.ports


def run(group: Group, folder: Path) -> None:
    group.log = folder / f"{group.name}.log"
    env = {**os.environ, **group.env}
    nice = ["nice", "-n", str(group.nice)] if group.nice else []
    with group.log.open("w") as out:
        for target in group.targets:
            out.write(f"$ make {target}\n")
            out.flush()
            began = time.monotonic()
            status = subprocess.run(  # noqa: S603 - the Makefile's own targets
                [*nice, "make", "--no-print-directory", target],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                check=False,
            ).returncode
            group.times.append((target, time.monotonic() - began, status))
            out.write(f"({target}: exit {status})\n" if status else "")
            out.flush()
    group.done = True


def minutes(seconds: float) -> str:
    tenths = round(seconds * 10)
    return f"{tenths // 600}m{tenths % 600 / 10:04.1f}s"


def run_phase(groups: list[Group], began: float) -> None:
    """Run the groups side by side; print each one's log whole as soon as it ends."""
    share_ports(groups)
    print(f"\nrunning {len(groups)} groups side by side:", flush=True)
    for group in groups:
        ports = f", ports {group.env['PROVNOTES_TEST_PORTS']}" if group.env else ""
        print(f"  {group.name} (nice {group.nice}{ports}): {' '.join(group.targets)}", flush=True)
    with tempfile.TemporaryDirectory(prefix="provnotes-ci-") as folder:
        threads = [
            threading.Thread(target=run, args=(g, Path(folder)), daemon=True) for g in groups
        ]
        for thread in threads:
            thread.start()
        shown: set[str] = set()
        last_beat = time.monotonic()
        while len(shown) < len(groups):
            for group, thread in zip(groups, threads, strict=True):
                if group.done and group.name not in shown:
                    thread.join()
                    shown.add(group.name)
                    show(group)
            if time.monotonic() - last_beat >= HEARTBEAT:
                last_beat = time.monotonic()
                running = ", ".join(g.name for g in groups if g.name not in shown)
                print(f"... {minutes(last_beat - began)}: still running {running}", flush=True)
            time.sleep(0.5)


def show(group: Group) -> None:
    outcome = "FAILED: " + " ".join(group.failed) if group.failed else "passed"
    total = sum(seconds for _, seconds, _ in group.times)
    print(f"\n{f'==== {group.name}: {outcome} in {minutes(total)} ':=<100}", flush=True)
    assert group.log is not None
    sys.stdout.write(group.log.read_text(errors="replace"))
    print(f"{f'==== end of {group.name} ':=<100}", flush=True)


def main(argv: list[str]) -> int:
    phases: list[list[Group]] = [[]]
    for spec in argv:
        if spec == "--":
            phases.append([])
        else:
            phases[-1].append(parse(spec))
    began = time.monotonic()
    done: list[Group] = []
    for phase in phases:
        run_phase(phase, began)
        done += phase
        if any(group.failed for group in phase):
            break  # a later phase needs what this one set up
    print(f"\nsummary ({minutes(time.monotonic() - began)} in all):")
    for group in done:
        for target, seconds, status in group.times:
            mark = "ok" if status == 0 else f"FAILED (exit {status})"
            print(f"  {group.name:<10} {target:<26} {minutes(seconds):>9}  {mark}")
    failed = [f"{g.name}/{target}" for g in done for target in g.failed]
    skipped = [g.name for phase in phases for g in phase if g not in done]
    if skipped:
        print(f"not run, since an earlier phase failed: {' '.join(skipped)}")
    if failed or skipped:
        print(f"FAILED: {' '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
