-- POST /v1/consultations/bookings, each request for a different free slot: $BENCH_BOOKINGS is a file of
-- "<access token>\t<JSON body>" lines (bench/bookings.sh writes it from the doctors' slot lists); thread k of n
-- takes the lines i with i % n == k, so no two requests ask for the same slot until the list wraps around
-- (then they answer 409 and count as non-2xx). $BENCH_BOOKINGS_SKIP lines are skipped first (a later run
-- starts after what an earlier one booked).
dofile(os.getenv("BENCH_DIR") .. "/round-robin.lua")
local reqs, n = {}, 0
number_threads()
function init(args)
  local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
  local skip = tonumber(os.getenv("BENCH_BOOKINGS_SKIP") or "0")
  local i = 0
  for line in io.lines(os.getenv("BENCH_BOOKINGS")) do
    if i >= skip and i % nthreads == id then
      local token, body = line:match("^([^\t]+)\t(.+)$")
      reqs[#reqs + 1] = wrk.format("POST", nil, {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
    end
    i = i + 1
  end
  if #reqs == 0 then error("bookings-create.lua: $BENCH_BOOKINGS holds no bookings") end
end
function request()
  n = n % #reqs + 1
  return reqs[n]
end
