"""Progress bars for seed runs (reading, validating, writing), on a terminal only."""

from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TimeElapsedColumn

from api.seeding.files import RawRecord, display_name, parse_text, records, seed_files

VALIDATE_STEP = 500  # records between redraws of the validation bar


class SeedProgress:
    """Shows one bar per stage on a terminal; silent when the output is a file or a pipe."""

    def __init__(self, console: Console) -> None:
        self._bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
            disable=not console.is_terminal,
        )
        self._tasks: dict[str, TaskID] = {}
        self._shown = False

    def __enter__(self) -> "SeedProgress":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._shown:
            self._bar.stop()

    def _show(self) -> None:
        if not self._shown:
            self._bar.start()
            self._shown = True

    def read(self, path: Path) -> list[RawRecord]:
        """Read every seed file under `path`, advancing the bar per file."""
        files = seed_files(path)
        out: list[RawRecord] = []
        self._show()
        task = self._bar.add_task("reading", total=len(files))
        for file in files:
            name = display_name(file)
            out += records(name, parse_text(name, file.read_text(encoding="utf-8")))
            self._bar.advance(task)
        return out

    def track(self, items: list[RawRecord]) -> Iterator[RawRecord]:
        """Yield records while advancing the validation bar."""
        self._show()
        task = self._bar.add_task("validating", total=len(items))
        for index, item in enumerate(items, 1):
            yield item
            if index % VALIDATE_STEP == 0 or index == len(items):
                self._bar.update(task, completed=index)

    def stage(self, stage: str, done: int, total: int) -> None:
        """Advance the bar of a writing stage (a `seeding.apply` progress callback)."""
        self._show()
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(f"writing {stage}", total=total)
        self._bar.update(self._tasks[stage], completed=done)
