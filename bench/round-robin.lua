-- Shared by the scripts that send one of many prebuilt requests (bench/users-tokens.lua, doctors-paths.lua,
-- bookings-slots.lua): round_robin(build, usage) builds one request per script argument with build(arg) in
-- init(), and request() takes the next one, each thread starting at its own offset in the list (so threads
-- do not send the same request at the same time). usage is the error when no arguments were given.
-- number_threads() alone gives each thread its number as the global `id` (0, 1, ...), for scripts that pick
-- their own requests (bookings-create.lua, doctors-cold.lua). Also loads report.lua (the BENCH line).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
function number_threads()
  local threads = 0
  function setup(thread)
    thread:set("id", threads)
    threads = threads + 1
  end
end
function round_robin(build, usage)
  local reqs, n = {}, 0
  number_threads()
  function init(args)
    for i = 1, #args do
      reqs[#reqs + 1] = build(args[i])
    end
    if #reqs == 0 then error(usage) end
    local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
    n = math.floor(id * #reqs / nthreads)
  end
  function request()
    n = n % #reqs + 1
    return reqs[n]
  end
end
