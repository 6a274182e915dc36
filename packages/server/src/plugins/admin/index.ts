// The admin plugin (being written).
export {};
