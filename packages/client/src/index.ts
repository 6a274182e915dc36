/** `@latchkey/client`: the typed client is being built (issue "Client SDK"). */
export {};
