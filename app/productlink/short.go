package productlink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"

	"hubchat/app/apperr"
)

// Short links are for texts (SMS), where every character counts: a card's
// JWT link is some 270 characters, three of them most of a text. A short
// token carries the same card in a compact binary form with a truncated
// HMAC (96 bits: a forger must guess it online, one click at a time), made
// with a key of its own derived from the links' key, so that no JWT and no
// short token can pass as the other.

// shortMACBytes is how much of the HMAC-SHA256 a short token keeps.
const shortMACBytes = 12

// ShortLink is card's link as Link makes it, with a short token in query
// parameter s: about 70 characters for a typical handle.
func (s Signer) ShortLink(card Card) (string, error) {
	if card.ProductID <= 0 || card.ConversationID <= 0 || card.ShopID <= 0 || !handlePattern.MatchString(card.Handle) {
		return "", fmt.Errorf("product link: invalid card %+v", card)
	}
	payload := binary.AppendUvarint(nil, uint64(card.ShopID))
	payload = binary.AppendUvarint(payload, uint64(card.ConversationID))
	payload = binary.AppendUvarint(payload, uint64(card.ProductID))
	payload = append(payload, card.Handle...)
	token := base64.RawURLEncoding.EncodeToString(payload) + "." + base64.RawURLEncoding.EncodeToString(s.shortMAC(payload))
	return ProxyPath + "?" + url.Values{"s": {token}}.Encode(), nil
}

// VerifyShort returns the card a short token was made for, or an Invalid
// error.
func (s Signer) VerifyShort(token string) (Card, error) {
	invalid := apperr.New(apperr.Invalid, "This product link is not valid.")
	enc, sig, ok := strings.Cut(token, ".")
	payload, err1 := base64.RawURLEncoding.DecodeString(enc)
	mac, err2 := base64.RawURLEncoding.DecodeString(sig)
	if !ok || err1 != nil || err2 != nil || !hmac.Equal(mac, s.shortMAC(payload)) {
		return Card{}, invalid
	}
	var ids [3]int64
	rest := payload
	for i := range ids {
		v, n := binary.Uvarint(rest)
		if n <= 0 || v == 0 || v > 1<<62 {
			return Card{}, invalid
		}
		ids[i], rest = int64(v), rest[n:]
	}
	card := Card{ShopID: ids[0], ConversationID: ids[1], ProductID: ids[2], Handle: string(rest)}
	if !handlePattern.MatchString(card.Handle) {
		return Card{}, invalid
	}
	return card, nil
}

// shortMAC is the truncated HMAC of a short token's payload, under a key
// derived from the links' key for short tokens alone.
func (s Signer) shortMAC(payload []byte) []byte {
	k := hmac.New(sha256.New, s.key)
	k.Write([]byte("short link v1"))
	m := hmac.New(sha256.New, k.Sum(nil))
	m.Write(payload)
	return m.Sum(nil)[:shortMACBytes]
}
