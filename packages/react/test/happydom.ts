import { GlobalRegistrator } from "@happy-dom/global-registrator";

// happy-dom replaces fetch/Request/Response/Headers with browser-like classes that drop
// Cookie/Set-Cookie, so the in-process server would lose every session.
// Keep Bun's own fetch primitives after registering the DOM.
const native = { fetch, Request, Response, Headers, FormData, URL, URLSearchParams, AbortController, AbortSignal };
GlobalRegistrator.register({ url: "http://localhost:3000" });
Object.assign(globalThis, native);
