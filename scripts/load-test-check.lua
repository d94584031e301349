-- wrk's script for scripts/load-test.sh: checks every HTTP answer of a case
-- and makes the count of fault answers exact.
--
--   wrk -t1 -c16 -d<seconds + 1>s -s scripts/load-test-check.lua URL -- \
--       <status> <goa-error or -> <content-type> <seconds>
--
-- Each answer must have exactly the status, the `Goa-Error` header (`-`: no
-- such header, as on a success) and the `Content-Type` given. Requests go
-- out for <seconds> only; then each connection sends nothing more and waits
-- for the answer it has in flight, so that when wrk stops (at -d) every
-- request it sent has been answered. Without that pause up to one request
-- per connection is cut off: the server logged its fault, but wrk never
-- counted the answer.
--
-- done() prints one line for the script to read,
--   check: answers=N mismatches=N unanswered=N faults=N rps=N p50_us=N p99_us=N
-- and, when an answer was wrong, `first mismatch: ...`. `faults` counts the
-- answers whose body says `"fault":true` (Goa's and problem+json bodies
-- both do), which the server logs one line each. `rps` is the answers over
-- the time requests were sent and answered, not wrk's Requests/sec, which
-- also counts the pause.
--
-- Defining response() and request() costs throughput: wrk then parses every
-- answer's headers and body into Lua and asks Lua for every request. The
-- figures are lower than without the checks (BENCHMARKS.md §5).

local ffi = require("ffi")

-- wrk gives Lua no clock; LuaJIT's FFI reads the monotonic one, which all
-- of wrk's threads share.
ffi.cdef [[
    struct load_test_timespec { long tv_sec; long tv_nsec; };
    int clock_gettime(int clock, struct load_test_timespec *time);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("struct load_test_timespec")
local function now()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
    return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) * 1e-9
end

-- ---- setup and done: wrk's main Lua state -----------------------------------
-- Each thread runs its own Lua state, so its counters are read back through
-- the thread objects setup() is given.
local threads = {}

function setup(thread)
    threads[#threads + 1] = thread
    thread:set("thread_number", #threads)
end

function done(summary, latency, requests)
    local answers, mismatches, issued, faults = 0, 0, 0, 0
    local first, first_at, started, finished
    for _, thread in ipairs(threads) do
        answers = answers + thread:get("answers")
        mismatches = mismatches + thread:get("mismatches")
        issued = issued + thread:get("issued")
        faults = faults + thread:get("faults")
        local at = thread:get("first_mismatch_at")
        if at and (not first_at or at < first_at) then
            first, first_at = thread:get("first_mismatch"), at
        end
        local start, stop = thread:get("started"), thread:get("last_answer")
        if start and (not started or start < started) then started = start end
        if stop and (not finished or stop > finished) then finished = stop end
    end
    -- wrk counts complete answers itself; each must have passed the hook.
    if answers ~= summary.requests then
        mismatches = mismatches + 1
        first = first or string.format("wrk counted %d answers, the check %d", summary.requests, answers)
    end
    local rps = 0
    if started and finished and finished > started then rps = answers / (finished - started) end
    io.write(string.format(
        "check: answers=%d mismatches=%d unanswered=%d faults=%d rps=%.0f p50_us=%d p99_us=%d\n",
        answers, mismatches, issued - answers, faults, rps,
        latency:percentile(50.0), latency:percentile(99.0)))
    if first then io.write("first mismatch: ", first, "\n") end
end

-- ---- init, request, response: each thread's Lua state -----------------------
answers, mismatches, issued, faults = 0, 0, 0, 0
first_mismatch, first_mismatch_at, started, last_answer = nil, nil, nil, nil

local expected_status, expected_name, expected_type
local sending_until, request_text

function init(args)
    expected_status = tonumber(args[1])
    expected_name = args[2]
    expected_type = args[3]
    local seconds = tonumber(args[4])
    if not (expected_status and expected_name and expected_type and seconds) then
        error("usage: -- <status> <goa-error or -> <content-type> <seconds>")
    end
    if expected_name == "-" then expected_name = nil end
    sending_until = now() + seconds
    request_text = wrk.format()
    -- Before thread 1 starts, wrk calls its request() once to parse the
    -- request it makes; that call sends nothing.
    if thread_number == 1 then issued = -1 end
end

function request()
    local time = now()
    if time >= sending_until then
        -- Nothing to write: wrk leaves this connection idle, so it has
        -- nothing in flight when wrk stops.
        return ""
    end
    if not started and issued >= 0 then started = time end
    issued = issued + 1
    return request_text
end

function response(status, headers, body)
    answers = answers + 1
    last_answer = now()
    -- HTTP header names are case-insensitive; hyper sends them lowercase.
    local name, content_type
    for header, value in pairs(headers) do
        local lower = string.lower(header)
        if lower == "goa-error" then
            name = value
        elseif lower == "content-type" then
            content_type = value
        end
    end
    if string.find(body, '"fault":true', 1, true) then faults = faults + 1 end
    if status ~= expected_status or name ~= expected_name or content_type ~= expected_type then
        mismatches = mismatches + 1
        if not first_mismatch then
            first_mismatch_at = last_answer
            first_mismatch = string.format(
                "got %d, Goa-Error %s, Content-Type %s; expected %d, Goa-Error %s, Content-Type %s",
                status, name or "(none)", content_type or "(none)",
                expected_status, expected_name or "(none)", expected_type)
        end
    end
end
