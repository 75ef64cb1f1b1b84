-- wrk script for scripts/bench.sh: request the paths listed in the file
-- named by $PATHS (one a line, as `sendash-load -list` prints them; lines
-- starting with # are skipped) in turn, each connection from its own place
-- in the list, asking for gzip as browsers do; print one summary line.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if line ~= "" and line:sub(1, 1) ~= "#" then paths[#paths + 1] = line end
end
local i = 0
local n = 0
setup = function(thread)
  thread:set("start", n)
  n = n + 1
end
init = function()
  i = (start or 0) * 37 % #paths
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip" })
end
done = function(summary, latency)
  local e = summary.errors
  io.write(string.format(
    "wrk: %d requests, %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms, non-2xx %d, errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
