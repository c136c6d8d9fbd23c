package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"hubchat/app/config"
	"hubchat/storage/seal"
)

// tokenKeys returns the keyring that seals the shops' tokens: from
// TOKEN_ENCRYPTION_KEYS, or, outside serve mode when it is unset, from a key
// kept in DATA_DIR, made on first use, so a local database stays readable
// from one run to the next.
func tokenKeys(cfg config.Config) (*seal.Keyring, error) {
	if cfg.TokenEncryptionKeys != "" {
		return seal.ParseKeyring(cfg.TokenEncryptionKeys)
	}
	if cfg.Mode == config.Serve {
		return nil, errors.New("TOKEN_ENCRYPTION_KEYS is required")
	}
	path := filepath.Join(cfg.DataDir, "dev-token-key")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		b = []byte("dev:" + seal.GenerateKey())
		if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
			return nil, err
		}
		err = os.WriteFile(path, b, 0o600)
	}
	if err != nil {
		return nil, fmt.Errorf("local token key %s: %w", path, err)
	}
	return seal.ParseKeyring(strings.TrimSpace(string(b)))
}
