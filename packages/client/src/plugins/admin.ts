// The admin client plugin (being written).
export {};
