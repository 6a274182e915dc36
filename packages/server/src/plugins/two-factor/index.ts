// The two-factor plugin (being written).
export {};
