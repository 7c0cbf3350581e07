-- Re-poll with If-None-Match: the first answer of each connection's thread gives the ETag, every later request sends it
-- (so all but the first few answers are 304 when nothing changes).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")
local etag = nil
function request()
  if etag then
    -- a headers table given to wrk.format replaces wrk.headers, so it must carry the key too
    local h = {}
    for k, v in pairs(wrk.headers) do h[k] = v end
    h["If-None-Match"] = etag
    return wrk.format(nil, nil, h)
  end
  return wrk.format(nil, nil)
end
function response(status, headers, body)
  count(status)
  if not etag then etag = headers["ETag"] or headers["etag"] end
end
