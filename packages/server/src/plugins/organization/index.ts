// The organization plugin (being written).
export {};
