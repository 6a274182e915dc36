// The organization feature's contracts and error codes (being written).
export {};
