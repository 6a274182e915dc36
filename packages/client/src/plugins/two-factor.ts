// The two-factor client plugin (being written).
export {};
