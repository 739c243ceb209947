-- Counts every answer outside 2xx as an error (wrk itself only counts socket errors
-- and statuses >= 400, so a redirect to the login page would pass), then prints one
-- line for bench/load.py: requests, errors, p50 and p99 in microseconds, duration.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  failed = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local failed_total = 0
  for _, thread in ipairs(threads) do
    failed_total = failed_total + thread:get("failed")
  end
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format("RESULT %d %d %d %d %d\n", summary.requests, failed_total + socket_errors,
    latency:percentile(50), latency:percentile(99), summary.duration))
end
