-- wrk script for the streaming benchmark: every request asks for a 1 MiB window of the file at a random offset
-- (Range: bytes=START-END). Each wrk thread seeds its generator with its own fixed number, so nginx and the
-- Normal Dance server get the same sequence of ranges.
-- Usage: wrk ... -s range.lua URL -- FILE_SIZE_BYTES

local threads_made = 0

function setup(thread)
    thread:set("thread_no", threads_made)
    threads_made = threads_made + 1
end

local window = 1048576 -- 1 MiB; also read by done(), which runs outside the threads
local size

function init(args)
    size = tonumber(args[1])
    math.randomseed(7919 + 104729 * thread_no)
end

function request()
    local first = math.random(0, size - window)
    return wrk.format("GET", nil, { ["Range"] = "bytes=" .. first .. "-" .. (first + window - 1) })
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d bytes=%d duration_us=%d err_connect=%d err_read=%d err_write=%d err_status=%d "
            .. "err_timeout=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f window=%d\n",
        summary.requests, summary.bytes, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, window))
end
