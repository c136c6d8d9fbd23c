// Package seal encrypts small secrets at rest — the shops' offline access
// and refresh tokens — with AES-256-GCM under named keys, so keys can be
// rotated without a flag day: new values are sealed with the current key,
// and values sealed with an older key still open until they are resealed.
//
// A sealed value is a self-describing string, "v1.<key id>.<base64url of
// nonce || ciphertext>", fit for a text column. Callers pass associated data
// (for tokens: the shop) that is authenticated but not stored, so a sealed
// value copied into another shop's row does not open.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Errors returned (wrapped) by this package.
var (
	// ErrInvalidKeyring means the key specification is malformed.
	ErrInvalidKeyring = errors.New("seal: invalid keyring")
	// ErrMalformed means a sealed value is not in the v1 format.
	ErrMalformed = errors.New("seal: malformed sealed value")
	// ErrUnknownKey means a sealed value names a key the keyring lacks:
	// the key was removed from the configuration too early.
	ErrUnknownKey = errors.New("seal: unknown key id")
	// ErrOpen means authentication failed: the value was altered, sealed
	// with other associated data, or sealed by a different key under the
	// same id.
	ErrOpen = errors.New("seal: cannot open sealed value")
)

const (
	version = "v1"
	keySize = 32 // AES-256
)

// keyIDPattern keeps ids short and free of the separators used by the spec
// (",", ":") and by sealed values (".").
var keyIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)

// Keyring holds the keys values are sealed and opened with. It is safe for
// concurrent use.
type Keyring struct {
	current string
	aeads   map[string]cipher.AEAD
}

// ParseKeyring builds a keyring from a specification such as
// "k2:BASE64KEY,k1:BASE64KEY": comma-separated id:key entries, the first one
// current (used to seal), all of them used to open. Keys are 32 random bytes
// in base64 (standard or URL alphabet, padding optional); ids match
// [A-Za-z0-9_-]{1,32} and must be unique. Errors wrap ErrInvalidKeyring,
// name the entry at fault and never include key material.
func ParseKeyring(spec string) (*Keyring, error) {
	if strings.TrimSpace(spec) == "" {
		return nil, fmt.Errorf("%w: empty specification, want id:base64key[,id:base64key…]", ErrInvalidKeyring)
	}
	k := &Keyring{aeads: map[string]cipher.AEAD{}}
	for i, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			return nil, fmt.Errorf("%w: entry %d is empty (stray comma?)", ErrInvalidKeyring, i+1)
		}
		id, encoded, ok := strings.Cut(entry, ":")
		if !ok {
			return nil, fmt.Errorf("%w: entry %d has no \":\" between key id and key", ErrInvalidKeyring, i+1)
		}
		if !keyIDPattern.MatchString(id) {
			return nil, fmt.Errorf("%w: entry %d: key id %q must match %s", ErrInvalidKeyring, i+1, id, keyIDPattern)
		}
		if _, dup := k.aeads[id]; dup {
			return nil, fmt.Errorf("%w: key id %q appears twice", ErrInvalidKeyring, id)
		}
		key, err := decodeKey(encoded)
		if err != nil {
			return nil, fmt.Errorf("%w: key %q: %w", ErrInvalidKeyring, id, err)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("%w: key %q: %w", ErrInvalidKeyring, id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("%w: key %q: %w", ErrInvalidKeyring, id, err)
		}
		k.aeads[id] = aead
		if i == 0 {
			k.current = id
		}
	}
	return k, nil
}

// decodeKey accepts the base64 spellings an operator is likely to paste
// (openssl rand -base64 32, or URL-safe) and insists on 32 bytes. Its
// errors describe the problem without echoing the input.
func decodeKey(s string) ([]byte, error) {
	raw := strings.TrimRight(s, "=")
	enc := base64.RawStdEncoding
	if strings.ContainsAny(raw, "-_") {
		enc = base64.RawURLEncoding
	}
	key, err := enc.DecodeString(raw)
	if err != nil {
		return nil, errors.New("not valid base64")
	}
	if len(key) != keySize {
		return nil, fmt.Errorf("decodes to %d bytes, want %d", len(key), keySize)
	}
	return key, nil
}

// GenerateKey returns a fresh random key in the form ParseKeyring reads,
// for setting up a new environment or adding a rotation key.
func GenerateKey() string {
	key := make([]byte, keySize)
	_, _ = rand.Read(key) // crypto/rand.Read never fails (Go ≥ 1.24)
	return base64.StdEncoding.EncodeToString(key)
}

// CurrentKeyID is the id new values are sealed with.
func (k *Keyring) CurrentKeyID() string { return k.current }

// Seal encrypts plaintext under the current key with a random nonce, binding
// associatedData (e.g. the shop domain), and returns the v1 string.
func (k *Keyring) Seal(plaintext, associatedData []byte) (string, error) {
	aead := k.aeads[k.current]
	if aead == nil {
		return "", fmt.Errorf("%w: keyring has no current key", ErrInvalidKeyring)
	}
	header := version + "." + k.current + "."
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+len(plaintext)+aead.Overhead())
	_, _ = rand.Read(nonce) // crypto/rand.Read never fails (Go ≥ 1.24)
	sealed := aead.Seal(nonce, nonce, plaintext, additional(header, associatedData))
	return header + base64.RawURLEncoding.EncodeToString(sealed), nil
}

// Open decrypts a value made by Seal with any key in the ring, given the
// same associatedData. Errors wrap ErrMalformed, ErrUnknownKey or ErrOpen.
func (k *Keyring) Open(sealed string, associatedData []byte) ([]byte, error) {
	id, body, err := split(sealed)
	if err != nil {
		return nil, err
	}
	aead := k.aeads[id]
	if aead == nil {
		return nil, fmt.Errorf("%w: %q (keyring has %s)", ErrUnknownKey, id, strings.Join(k.ids(), ", "))
	}
	// Strict: a non-canonical last character would otherwise decode to the
	// same bytes, and a changed string should never open.
	data, err := base64.RawURLEncoding.Strict().DecodeString(body)
	if err != nil {
		return nil, fmt.Errorf("%w: payload is not base64url", ErrMalformed)
	}
	if len(data) < aead.NonceSize()+aead.Overhead() {
		return nil, fmt.Errorf("%w: payload too short", ErrMalformed)
	}
	nonce, ciphertext := data[:aead.NonceSize()], data[aead.NonceSize():]
	plaintext, err := aead.Open(nil, nonce, ciphertext, additional(version+"."+id+".", associatedData))
	if err != nil {
		return nil, fmt.Errorf("%w: sealed with key %q: altered, or bound to other data", ErrOpen, id)
	}
	return plaintext, nil
}

// NeedsReseal reports whether sealed was made with a key other than the
// current one, so a background job can re-seal values before an old key is
// retired. Malformed values report false; Open will explain them.
func (k *Keyring) NeedsReseal(sealed string) bool {
	id, _, err := split(sealed)
	return err == nil && id != k.current
}

// split parses "v1.<id>.<payload>".
func split(sealed string) (id, payload string, err error) {
	parts := strings.Split(sealed, ".")
	if len(parts) != 3 || parts[0] != version {
		return "", "", fmt.Errorf("%w: want %s.<key id>.<payload>", ErrMalformed, version)
	}
	if !keyIDPattern.MatchString(parts[1]) {
		return "", "", fmt.Errorf("%w: bad key id", ErrMalformed)
	}
	return parts[1], parts[2], nil
}

// additional authenticates the header (version and key id) along with the
// caller's data. The header ends in "." and ids cannot contain one, so the
// concatenation is unambiguous.
func additional(header string, associatedData []byte) []byte {
	return append([]byte(header), associatedData...)
}

// ids lists the key ids, current first, for error messages.
func (k *Keyring) ids() []string {
	out := []string{k.current}
	for id := range k.aeads {
		if id != k.current {
			out = append(out, id)
		}
	}
	return out
}
