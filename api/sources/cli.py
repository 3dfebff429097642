"""`provnotes check-sources`: visit every published citation URL and record what answered.

Exit codes: 0 every URL was checked and recorded; 3 the overall time bound ran out first (what
was checked is recorded; the rest keeps its last result); 1 it could not run (database,
settings, a bad option value); 2 a usage error (an unknown option)."""

import asyncio
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import typer

from api.cli_options import DbOption, VerboseOption, fail, out, settings_for
from api.common import HTTP_URL, utcnow
from api.db import make_engine, transaction
from api.migrations import upgrade
from api.sources import queue, service
from api.sources.probe import Politeness, Probe, Prober, user_agent

DEADLINE_EXIT = 3


def _version() -> str:
    try:
        return version("provenance-notes")
    except PackageNotFoundError:  # pragma: no cover - a source checkout that is not installed
        return "dev"


async def _probe_all(
    urls: list[str], agent: str, rules: Politeness, deadline: float
) -> dict[str, Probe]:
    prober = Prober(agent, rules)
    try:
        return await prober.check_all(urls, deadline)
    finally:
        await prober.close()


def check_sources_command(
    concurrency: Annotated[
        int, typer.Option(min=1, max=64, help="requests in flight at once, over all hosts")
    ] = 8,
    host_delay: Annotated[
        float, typer.Option(min=0, max=60, help="seconds between two requests to one host")
    ] = 1.0,
    timeout: Annotated[
        float, typer.Option(min=0.1, max=120, help="seconds for one request")
    ] = 10.0,
    deadline: Annotated[
        float, typer.Option(min=1, max=86_400, help="seconds for the whole run")
    ] = 1800.0,
    dead_after: Annotated[
        int,
        typer.Option(min=1, max=100, help="consecutive failing checks that make a source dead"),
    ] = 3,
    contact: Annotated[
        str | None,
        typer.Option(
            envvar="PROVNOTES_SOURCE_CHECK_CONTACT",
            help="URL site owners can reach you at (sent in the User-Agent)",
        ),
    ] = None,
    verbose: VerboseOption = False,
    db: DbOption = None,
) -> None:
    """Check every published citation URL politely; record its status and queue dead-only claims."""
    if contact is not None and (len(contact) > 300 or not HTTP_URL.fullmatch(contact)):
        raise fail(f"--contact {contact[:80]!r}: must be an http(s) URL of at most 300 characters")
    engine = make_engine(settings_for(db).database_url)
    try:
        upgrade(engine)
        with transaction(engine) as session:
            citations = service.published_citations(session)
        rules = Politeness(concurrency=concurrency, host_delay=host_delay, timeout=timeout)
        agent = user_agent(_version(), contact)
        urls = [url for _, url in citations]
        probes = asyncio.run(_probe_all(urls, agent, rules, deadline))
        with transaction(engine) as session:
            service.forget_unpublished(session)
            tally = service.record(session, citations, probes, utcnow(), dead_after)
            queued = len(queue.dead_claims(session))
    finally:
        engine.dispose()
    if verbose:
        for key, url in citations:
            probe = probes.get(url)
            words = f"{probe.outcome} {probe.detail or ''}".strip() if probe else "not checked"
            out.print(f"{key}: {words} ({url})", highlight=False, soft_wrap=True)
    unchecked = len(set(urls)) - len(probes)
    summary = (
        f"checked {tally.checked} citations ({len(probes)} URLs): {tally.ok} ok, "
        f"{tally.failing} failing, {tally.inconclusive} not checkable (robots.txt, 401/403/429); "
        f"{len(tally.dead)} dead ({len(tally.newly_dead)} new); "
        f"{queued} claims rest only on dead sources"
    )
    out.print(summary, highlight=False, soft_wrap=True)
    if unchecked:
        exit_ = fail(f"--deadline {deadline:g} s ran out: {unchecked} URLs were not checked")
        exit_.exit_code = DEADLINE_EXIT
        raise exit_
