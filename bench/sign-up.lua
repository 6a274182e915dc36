-- POST /api/auth/sign-up/email with a new address on every request. BENCH_PREFIX makes the
-- addresses of one run differ from every other run's; wrk runs one thread, so the counter is enough.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local prefix = os.getenv("BENCH_PREFIX")
local counter = 0
request = function()
	counter = counter + 1
	local body = string.format('{"email":"%s-%d@example.com","password":"bench-password-1234","name":"Bench"}', prefix, counter)
	return wrk.format(nil, nil, nil, body)
end
