package jobs

// RetryDelay is retryDelay, for the tests.
var RetryDelay = retryDelay
