-- wrk script for the soak: cycles through translated, same-dialect,
-- streamed and bad requests of the three client dialects.  Counts
-- statuses; prints them at the end.

local reqs = {}
local function add(path, body, headers)
  headers = headers or {}
  headers["Content-Type"] = "application/json"
  reqs[#reqs + 1] = wrk.format("POST", path, headers, body)
end

local oa = '{"model":"claude-soak","messages":[{"role":"user","content":"hello soak"}]}'
local oo = '{"model":"gpt-soak","messages":[{"role":"user","content":"hello soak"}]}'
local os = '{"model":"claude-soak","stream":true,"messages":[{"role":"user","content":"stream soak"}]}'
local ao = '{"model":"gpt-soak","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}'
local as = '{"model":"gemini-soak","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}'
local g  = '{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}'
local av = { ["anthropic-version"] = "2023-06-01" }

-- built in init(): only then does wrk know the Host header
init = function(args)
add("/v1/chat/completions", oa)
add("/v1/chat/completions", oo)
add("/v1/chat/completions", os)
add("/v1/messages", ao, av)
add("/v1/messages", as, av)
add("/v1beta/models/claude-soak:generateContent", g)
add("/v1beta/models/gpt-soak:streamGenerateContent?alt=sse", g)
add("/v1/chat/completions", '{"model": "claude-soak", "messages": [')   -- 400
add("/v1/chat/completions", '{"model":"nomodel-x","messages":[{"role":"user","content":"x"}]}')  -- 404
end

local i = 0
request = function()
  i = i + 1
  return reqs[(i % #reqs) + 1]
end

local counts = {}
local seen = 0
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  seen = seen + 1
  if seen == 1 or seen % 200000 == 0 then
    local parts = {}
    for k, v in pairs(counts) do parts[#parts + 1] = k .. ":" .. v end
    io.write("statuses " .. table.concat(parts, " ") .. "\n")
  end
end

done = function(summary, latency, requests)
  -- the response() counts live in the threads; wrk gives done() only the
  -- summary, so per-status counts are printed by each thread at exit
  io.write(string.format("requests %d, non-2xx or socket errors: connect %d read %d write %d timeout %d status %d\n",
    summary.requests, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status))
end
