package builtin

import "context"

// knownVersionKey is the context key of a shop's knowledge version the
// caller read with its own settings (WithKnowledgeVersion).
type knownVersionKey struct{}

// knownVersion is a shop's knowledge version as its caller read it.
type knownVersion struct{ shopID, version int64 }

// WithKnowledgeVersion tells the engine the shop's knowledge version, read
// by the caller in the statement that read the shop's engine settings: an
// answer then reads it no more (one round trip fewer, two when the answer
// looks at the index twice). The version is as fresh as the caller's read,
// made when the question was taken.
func WithKnowledgeVersion(ctx context.Context, shopID, version int64) context.Context {
	return context.WithValue(ctx, knownVersionKey{}, knownVersion{shopID: shopID, version: version})
}

// knowledgeVersion is the shop's knowledge version: the one the caller
// told (WithKnowledgeVersion), else read now.
func (e *Engine) knowledgeVersion(ctx context.Context, shopID int64) (int64, error) {
	if known, ok := ctx.Value(knownVersionKey{}).(knownVersion); ok && known.shopID == shopID {
		return known.version, nil
	}
	return e.knowledge.Version(ctx, shopID)
}
