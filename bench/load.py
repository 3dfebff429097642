"""Drive a server with wrk (Debian's package) and read back its figures.

Every run uses the same client settings: threads, connections, duration and a Lua script that
cycles through a list of prepared requests (so a "cold" run sends a different body each time)
and prints its summary as JSON.
"""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

THREADS = 2
CONNECTIONS = 32

# Each wrk thread walks its own slice of the request list, so no two requests repeat until the
# whole list has been sent once (`wrapped` in the summary says whether it had to start over).
SCRIPT = r"""
local requests, n, slices = {}, 0, {}
local threads = %(threads)d
local index, stop = 0, 0
wrapped = 0
local function load()
  local f = assert(io.open("%(path)s", "rb"))
  local body = f:read("*a")
  f:close()
  for method, path, ctype, payload in body:gmatch("(%%u+) ([^\n]*)\n([^\n]*)\n([^\n]*)\n") do
    local headers = {}
    if ctype ~= "" then headers["Content-Type"] = ctype end
    n = n + 1
    requests[n] = {method, path, headers, payload ~= "" and payload or nil}
  end
end
load()
local counter, all = 0, {}
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  all[counter] = thread
end
function init(args)
  -- format here, in the thread, once wrk has set the Host header
  for i = 1, n do requests[i] = wrk.format(unpack(requests[i], 1, 4)) end
  local size = math.floor(n / threads)
  if size < 1 then size = n end
  index = (id * size) %% n
  stop = index + size
  first = index
end
function request()
  index = index + 1
  if index > stop or index > n then index = first + 1; wrapped = 1 end
  return requests[index]
end
function done(summary, latency, requests_)
  local repeated = 0
  for _, thread in ipairs(all) do repeated = repeated + (thread:get("wrapped") or 0) end
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "bytes": %%d, "errors": %%d, "status_errors": %%d, ' ..
    '"p50_us": %%d, "p99_us": %%d, "wrapped": %%d}\n',
    summary.requests, summary.duration / 1e6, summary.bytes,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50), latency:percentile(99), repeated))
end
"""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: str = ""  # JSON, one line
    content_type: str = ""


@dataclass(frozen=True)
class Result:
    """What one wrk run measured."""

    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    bytes_per_response: float
    wrapped: bool  # some request was sent a second time


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is not installed (`make bench` installs Debian's package)")
    return found


def run(base_url: str, requests: list[Request], seconds: float) -> Result:
    """Load `base_url` with `requests` (cycled) for `seconds`; fail on any error response."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "requests.txt"
        with listing.open("w", encoding="utf-8") as handle:
            for r in requests:
                if "\n" in r.body or "\n" in r.path:
                    raise ValueError("requests must fit on one line each")
                handle.write(f"{r.method} {r.path}\n{r.content_type}\n{r.body}\n")
        script = Path(tmp) / "script.lua"
        script.write_text(SCRIPT % {"path": str(listing), "threads": THREADS}, encoding="utf-8")
        command = [
            wrk_binary(),
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{seconds:g}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base_url,
        ]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    if figures["errors"] or figures["status_errors"]:
        raise SystemExit(f"{base_url}: wrk saw errors: {figures}")
    return Result(
        rps=figures["requests"] / figures["seconds"],
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        requests=figures["requests"],
        bytes_per_response=figures["bytes"] / max(1, figures["requests"]),
        wrapped=figures["wrapped"] > 0,
    )
