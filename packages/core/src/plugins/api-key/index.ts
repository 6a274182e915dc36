// The api-key feature's contracts and error codes (being written).
export {};
