package builtin

// Builds is how many indexes the engine has built, for tests that check it
// rebuilds only when the shop's knowledge changed.
func (e *Engine) Builds() int64 { return e.cache.builds.Load() }

// HeldBytes is the estimated memory of the indexes the engine holds.
func (e *Engine) HeldBytes() int64 { return e.cache.heldBytes() }
