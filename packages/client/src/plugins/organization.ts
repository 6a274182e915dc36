// The organization client plugin (being written).
export {};
