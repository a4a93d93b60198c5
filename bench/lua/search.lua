-- wrk script for the search benchmark: rotates through a file of queries (one per line, words separated by a
-- space), each thread starting at its own place in the list, GET /api/v1/tracks?q=QUERY&limit=LIMIT.
-- Usage: wrk ... -s search.lua BASE_URL -- QUERIES_FILE [LIMIT]

local threads_made = 0

function setup(thread)
    thread:set("thread_no", threads_made)
    threads_made = threads_made + 1
end

local queries = {}
local next_query = 0
local limit

function init(args)
    for line in io.lines(args[1]) do
        if line:match("%S") then
            queries[#queries + 1] = (line:gsub("[^%w]", function(c)
                return string.format("%%%02X", string.byte(c))
            end))
        end
    end
    limit = args[2] or "20"
    next_query = (thread_no * 997) % #queries
end

function request()
    next_query = next_query % #queries + 1
    return wrk.format("GET", "/api/v1/tracks?limit=" .. limit .. "&q=" .. queries[next_query])
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d bytes=%d duration_us=%d err_connect=%d err_read=%d err_write=%d err_status=%d "
            .. "err_timeout=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f\n",
        summary.requests, summary.bytes, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
