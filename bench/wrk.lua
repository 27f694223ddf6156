-- wrk script: POST a body read from a file, with extra headers, and print
-- one machine-readable summary line.  "max=N" stops each thread after N
-- responses (wrk's -d counts whole seconds only); "pace=MS" waits MS
-- milliseconds before each request of a connection, to hold the rate
-- (about connections x 1000 / MS per second) below saturation.
--
--   wrk -s bench/wrk.lua URL -- body-file ["Name: value" | max=N | pace=MS]

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
        if pace then
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
