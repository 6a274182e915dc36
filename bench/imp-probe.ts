const t0 = performance.now();
const which = process.argv[2];
if (which === "lk") await import("@latchkey/server");
else if (which === "ba") { await import("better-auth"); await import("better-auth/plugins"); }
else await import(which!);
console.log(which, Math.round(performance.now() - t0), "ms", Math.round(process.memoryUsage.rss()/1048576), "MiB");
