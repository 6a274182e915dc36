-- POST /api/auth/sign-in/email with the fixture's credentials (body from BENCH_BODY).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BENCH_BODY")
