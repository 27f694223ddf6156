-- wrk script: POST a body read from a file, with extra headers, and print
-- one machine-readable summary line.  "max=N" stops each thread after N
-- responses (wrk's -d counts whole seconds only); "pace=MS" waits MS
-- milliseconds before each request of a connection, to hold the rate
-- (about connections x 1000 / MS per second) below saturation.
-- "vary=N" (N 1-9999) sends every request a body of its own: each
-- "@@@@@@@@@@@@" (12 bytes) in the file becomes a 12-digit number of the
-- request, the same width, so Content-Length does not change: N (4
-- digits), the thread (2), the thread's request count (6).  Numbers are
-- unique across threads and connections; give every run its own N and
-- no body repeats one of an earlier run either.
--
--   wrk -s bench/wrk.lua URL -- body-file ["Name: value" | max=N | pace=MS
--                                           | vary=N]

local MARK = "@@@@@@@@@@@@"

-- each thread's number (1-99), given in the main state before init
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end

-- request() from the body's pieces around the markers: one concat each
local function vary(run, body)
    assert(run >= 1 and run <= 9999, "vary=N: N from 1 to 9999")
    assert(tid and tid <= 99, "vary: at most 99 threads")
    local parts, at = {}, 1
    while true do
        local i, j = body:find(MARK, at, true)
        if not i then break end
        parts[#parts + 1] = body:sub(at, i - 1)
        at = j + 1
    end
    parts[#parts + 1] = body:sub(at)
    assert(#parts > 1, "vary: no " .. MARK .. " in the body")
    local prefix = string.format("%04d%02d", run, tid)
    local n = 0
    request = function()
        n = n + 1
        assert(n <= 999999, "vary: more than 999999 requests in a thread")
        local id = prefix .. string.format("%06d", n)
        return wrk.format(nil, nil, nil, table.concat(parts, id))
    end
end

function init(args)
    local f = assert(io.open(args[1], "rb"))
    wrk.body = f:read("*a")
    f:close()
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    for i = 2, #args do
        local k, v = args[i]:match("^([^:]+):%s*(.*)$")
        local max = tonumber(args[i]:match("^max=(%d+)$"))
        local pace = tonumber(args[i]:match("^pace=(%d+)$"))
        local run = tonumber(args[i]:match("^vary=(%d+)$"))
        if run then
            vary(run, wrk.body)
        elseif pace then
            delay = function()
                return pace
            end
        elseif max then
            local n = 0
            response = function()
                n = n + 1
                if n >= max then
                    wrk.thread:stop()
                end
            end
        elseif k then
            wrk.headers[k] = v
        end
    end
end

function done(s, lat, req)
    local e = s.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d bytes=%d p50=%d p99=%d " ..
        "errors=%d status=%d timeout=%d\n",
        s.requests, s.duration, s.bytes, lat:percentile(50),
        lat:percentile(99), e.connect + e.read + e.write, e.status,
        e.timeout))
end
