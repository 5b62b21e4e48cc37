-- wrk script for scripts/bench-ingest: posts bodies read from a file, one line each, taking them
-- in turn (each thread starts at its own place), and counts the answers by status.
-- Environment:
--   BENCH_PATH          request path, e.g. /ez
--   BENCH_BODY_FILE     one body per line
--   BENCH_CONTENT_TYPE  Content-Type of the bodies
--   BENCH_EXPECT        the statuses an answer may have, comma-separated (200, or 401,429 for refusals)
--   BENCH_SUFFIX        optional: every body gets this text appended, with %d replaced by a
--                       number no other request of the run uses (new stat names, unknown keys)
--   BENCH_LINE_BREAKS   optional: a backslash and n in a line stand for a line break (InfluxDB line protocol)
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  expected = 0
  unexpected = 0
  server_errors = 0
  statuses = {}
  bodies = {}
  local breaks = os.getenv("BENCH_LINE_BREAKS")
  for line in io.lines(os.getenv("BENCH_BODY_FILE")) do
    if breaks then line = line:gsub("\\n", "\n") end
    table.insert(bodies, line)
  end
  expect = {}
  for status in string.gmatch(os.getenv("BENCH_EXPECT") or "200", "%d+") do
    expect[tonumber(status)] = true
  end
  suffix = os.getenv("BENCH_SUFFIX")
  next_body = (id * 7919) % #bodies + 1
  sequence = 0
  headers = { ["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") }
  path = os.getenv("BENCH_PATH")
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  if suffix then
    sequence = sequence + 1
    body = body .. string.format(suffix, id * 1000000000 + sequence)
  end
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if expect[status] then
    expected = expected + 1
  else
    unexpected = unexpected + 1
    statuses[status] = (statuses[status] or 0) + 1
    if status >= 500 then server_errors = server_errors + 1 end
  end
end

function done(summary, latency, requests)
  local e, u, s = 0, 0, 0
  local seen = {}
  for _, t in ipairs(threads) do
    e = e + t:get("expected")
    u = u + t:get("unexpected")
    s = s + t:get("server_errors")
    for status, n in pairs(t:get("statuses")) do seen[status] = (seen[status] or 0) + n end
  end
  local listed = {}
  for status, n in pairs(seen) do table.insert(listed, status .. "x" .. n) end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT expected=%d unexpected=%d server_errors=%d socket_errors=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f unexpected_statuses=%s\n",
    e, u, s, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(listed, ",")))
end
