-- wrk script for POST /v1/events, shared by the gateway and the nginx baseline so both get the same requests.
-- STREAMREC_BENCH_EVENTS  events per request (1 = one JSON object; more = a JSON array)
-- STREAMREC_BENCH_KEY     the gateway's API key (nginx ignores it)
-- STREAMREC_BENCH_DELAY_MS  if set, each connection waits this long between requests (a paced, not saturating, run)
local events = tonumber(os.getenv("STREAMREC_BENCH_EVENTS") or "1")
local delay_ms = tonumber(os.getenv("STREAMREC_BENCH_DELAY_MS") or "0")
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. (os.getenv("STREAMREC_BENCH_KEY") or "none"),
}
-- users vary so that events spread over the topic's partitions, as real traffic does
local distinct_requests = 1000
local requests = {}
local next_request = 0

local function event(user)
  return string.format('{"userId":"user-%06d","itemId":"item-98765","type":"view",'
    .. '"context":{"page":"product","device":"mobile"}}', user)
end

function init(args)
  local user = math.random(0, 999999)
  for i = 1, distinct_requests do
    local body
    if events == 1 then
      body = event((user + i) % 1000000)
    else
      local batch = {}
      for j = 1, events do
        batch[j] = event((user + i * events + j) % 1000000)
      end
      body = "[" .. table.concat(batch, ",") .. "]"
    end
    requests[i] = wrk.format("POST", "/v1/events", headers, body)
  end
end

function request()
  next_request = next_request % distinct_requests + 1
  return requests[next_request]
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end
