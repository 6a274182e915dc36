// The two-factor feature's contracts and error codes (being written).
export {};
