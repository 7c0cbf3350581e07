-- Plain GET of the URL given to wrk, authenticated; counts statuses.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")
function response(status, headers, body) count(status) end
