-- wrk script for scripts/bench-ingest: posts one fixed body and counts answers by status.
-- Environment: BENCH_PATH, BENCH_BODY_FILE, BENCH_CONTENT_TYPE.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  bad = 0
  local file = io.open(os.getenv("BENCH_BODY_FILE"), "rb")
  wrk.method = "POST"
  wrk.path = os.getenv("BENCH_PATH")
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE")
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local o, b = 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    b = b + t:get("bad")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT ok=%d bad=%d socket_errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    o, b, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
