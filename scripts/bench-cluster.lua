-- wrk script for scripts/bench-cluster's page runs: GETs one path (BENCH_PATH) with an optional
-- Cookie (BENCH_COOKIE), and prints the same RESULT line as scripts/bench-ingest.lua.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expected = 0
  unexpected = 0
  server_errors = 0
  headers = {}
  local cookie = os.getenv("BENCH_COOKIE")
  if cookie and cookie ~= "" then headers["Cookie"] = cookie end
  path = os.getenv("BENCH_PATH")
end

function request()
  return wrk.format("GET", path, headers, nil)
end

function response(status, headers, body)
  if status == 200 then
    expected = expected + 1
  else
    unexpected = unexpected + 1
    if status >= 500 then server_errors = server_errors + 1 end
  end
end

function done(summary, latency, requests)
  local e, u, s = 0, 0, 0
  for _, t in ipairs(threads) do
    e = e + t:get("expected")
    u = u + t:get("unexpected")
    s = s + t:get("server_errors")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT expected=%d unexpected=%d server_errors=%d socket_errors=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f\n",
    e, u, s, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
