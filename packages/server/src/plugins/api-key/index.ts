// The api-key plugin (being written).
export {};
