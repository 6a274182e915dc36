// The api-key client plugin (being written).
export {};
