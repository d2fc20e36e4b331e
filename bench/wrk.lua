-- wrk's side of bench/load.py: the same requests as bench/locustfile.py (and the reference
-- apps' of bench/locust_bare.py) from a load generator written in C, to tell the service's
-- capacity from locust's own cost. MIX names the requests and their weights; the ids and
-- bearer tokens come from the environment bench/load.py sets.
local desk = "Bearer " .. (os.getenv("LOAD_DESK_TOKEN") or "")
local boss = "Bearer " .. (os.getenv("LOAD_EMPLOYER_TOKEN") or "")
local workers, openings, kinds = {}, {}, {}
for id in (os.getenv("LOAD_WORKER_IDS") or ""):gmatch("%d+") do workers[#workers + 1] = id end
for id in (os.getenv("LOAD_OPENING_IDS") or ""):gmatch("%d+") do openings[#openings + 1] = id end
for kind, weight in (os.getenv("MIX") or "matches:1"):gmatch("([%w_]+):(%d+)") do
  for _ = 1, tonumber(weight) do kinds[#kinds + 1] = kind end
end
-- bench/locustfile.py's NAMES: 王 李 张 刘 陈, and fragments of the generator's names
local names = { "%E7%8E%8B", "%E6%9D%8E", "%E5%BC%A0", "%E5%88%98", "%E9%99%88",
                "%E5%B7%A5%E4%BA%BA1", "%E5%B7%A5%E4%BA%BA2" }

local function pick(list) return list[math.random(#list)] end

local function desk_get(path) return wrk.format("GET", path, { Authorization = desk }) end

local requests = {
  search = function() return desk_get("/api/v1/workers?q=" .. pick(names) .. "&per_page=20") end,
  open = function() return desk_get("/api/v1/workers/" .. pick(workers)) end,
  matches = function() return desk_get("/api/v1/workers/" .. pick(workers) .. "/matches?limit=20") end,
  refer = function()
    local body = '{"worker_id": ' .. pick(workers) .. ', "opening_id": ' .. pick(openings) .. "}"
    return wrk.format("POST", "/api/v1/referrals",
      { Authorization = desk, ["Content-Type"] = "application/json" }, body)
  end,
  referrals = function() return wrk.format("GET", "/api/v1/referrals?per_page=20", { Authorization = boss }) end,
  openings = function() return wrk.format("GET", "/api/v1/openings?per_page=20", { Authorization = boss }) end,
  bare = function() return wrk.format("GET", "/bare") end,
  pk = function() return wrk.format("GET", "/pk/" .. pick(workers)) end,
  rank = function() return wrk.format("GET", "/rank") end,
}

request = function() return requests[pick(kinds)]() end

-- Only 5xx answers are errors: a refused referral (409, 422) is the service being right.
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
errors = 0
function response(status) if status >= 500 then errors = errors + 1 end end
function done(summary, latency)
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  for _, thread in ipairs(threads) do failed = failed + thread:get("errors") end
  io.write(string.format("RESULT %d %.1f %.0f %.0f %.0f %.0f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000, failed))
end
