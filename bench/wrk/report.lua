-- Progress reports: POST /api/v1/tasks/{id}/progress as the admin key, reporting for a unit that leads the task
-- (BENCH_PAIRS: "taskId unitCode" a line), dated BENCH_TODAY, status InProgress.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")
local pairs_ = {}
local today = os.getenv("BENCH_TODAY")
function init_more(args)
  for line in io.lines(os.getenv("BENCH_PAIRS")) do
    local id, code = line:match("^(%S+) (%S+)$")
    if id then pairs_[#pairs_ + 1] = { id, code } end
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  local p = pairs_[math.random(#pairs_)]
  local body = string.format('{"reportedOn":"%s","reportingUnitCode":"%s","status":"InProgress","text":"Đang triển khai (bench)."}', today, p[2])
  return wrk.format("POST", "/api/v1/tasks/" .. p[1] .. "/progress", nil, body)
end
function response(status, headers, body) count(status) end
