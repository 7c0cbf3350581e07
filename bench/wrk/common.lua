-- Shared by the benchmark's wrk scripts: the API key (env BENCH_KEY, if set), per-thread status counts, and one JSON
-- summary line at the end (BENCH_JSON {...}) that run.sh parses.
local threads = {}
local key = os.getenv("BENCH_KEY")

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  n2xx, n304, nother = 0, 0, 0
  if key and key ~= "" then wrk.headers["X-Api-Key"] = key end
  if init_more then init_more(args) end
end

function count(status)
  if status == 304 then n304 = n304 + 1
  elseif status >= 200 and status < 300 then n2xx = n2xx + 1
  else nother = nother + 1 end
end

function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + (t:get("n2xx") or 0); b = b + (t:get("n304") or 0); c = c + (t:get("nother") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"errors":%d,"non_2xx_3xx":%d,"n2xx":%d,"n304":%d,"nother":%d,"bytes":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, a, b, c, summary.bytes))
end
