-- Single task reads: a random id from BENCH_IDS (one uuid a line) under the path prefix BENCH_PREFIX.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")
local ids = {}
local prefix = os.getenv("BENCH_PREFIX")
function init_more(args)
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end
function request()
  return wrk.format(nil, prefix .. ids[math.random(#ids)])
end
function response(status, headers, body) count(status) end
