package storefront_test

import "testing"

// A client id is its shopper's: another shopper sending the same id gets a
// new message and conversation of their own, not the first shopper's, and
// the first shopper's retry still gets theirs.
func TestAnotherShoppersClientIDGetsTheirOwnMessage(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, jane := e.session("7001")
	_, other := e.session("7002")
	id := clientID()
	code, first := e.send(jane.Token, id, "My parcel is late")
	if code != 201 {
		t.Fatalf("first: %d %v", code, first)
	}
	code, theirs := e.send(other.Token, id, "Do you ship to Canada?")
	if code != 201 {
		t.Fatalf("the other shopper with the same id: %d %v, want 201 (a new message)", code, theirs)
	}
	if theirs["message"].(map[string]any)["body"] != "Do you ship to Canada?" ||
		theirs["message"].(map[string]any)["id"] == first["message"].(map[string]any)["id"] ||
		theirs["conversation"].(map[string]any)["id"] == first["conversation"].(map[string]any)["id"] {
		t.Fatalf("the other shopper got %v; the first sent %v", theirs, first)
	}
	code, again := e.send(jane.Token, id, "My parcel is late")
	if code != 200 || again["message"].(map[string]any)["id"] != first["message"].(map[string]any)["id"] {
		t.Fatalf("the first shopper's retry: %d %v", code, again)
	}
	var n int
	e.DB.Get(&n, `SELECT count(*) FROM messages WHERE client_id = $1`, id)
	if n != 2 {
		t.Fatalf("%d messages with the id, want one per shopper", n)
	}
}
