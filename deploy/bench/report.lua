-- wrk script for deploy/bench/projects.sh: counts responses that are not 200 (a 302 to /account/login means the
-- auth cookie was not accepted; wrk itself only counts statuses >= 400 as errors) and prints one line
--   BENCH requests=N rps=R p50_ms=… p95_ms=… p99_ms=… max_ms=… non200=N first_non200=S socket_errors=N
-- that the shell script parses, after a human-readable summary.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
  first_non200 = 0
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if first_non200 == 0 then
      first_non200 = status
    end
  end
end

local function ms(microseconds)
  return microseconds / 1000.0
end

function done(summary, latency, requests)
  local bad, first = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non200") or 0)
    local f = thread:get("first_non200") or 0
    if first == 0 and f ~= 0 then
      first = f
    end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local rps = summary.requests / seconds
  io.write(string.format("  requests %d in %.1f s = %.1f req/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, seconds, rps, ms(latency:percentile(50)), ms(latency:percentile(95)),
    ms(latency:percentile(99)), ms(latency.max)))
  io.write(string.format("  non-200 responses %d, socket errors %d (connect %d, read %d, write %d, timeout %d)\n",
    bad, socket_errors, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("BENCH requests=%d rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f non200=%d first_non200=%d socket_errors=%d\n",
    summary.requests, rps, ms(latency:percentile(50)), ms(latency:percentile(95)), ms(latency:percentile(99)),
    ms(latency.max), bad, first, socket_errors))
end
