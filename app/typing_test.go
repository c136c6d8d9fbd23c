package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/realtime"
)

// typingEnv is two app instances on one database, the demo shop installed,
// with an agent's live stream open on the second.
type typingEnv struct {
	first, second *apptest.Env
	client        *http.Client
	agentStream   <-chan apptest.Event
}

func startTyping(t *testing.T) typingEnv {
	t.Helper()
	first := apptest.Start(t, apptest.Options{MaxConns: 2})
	first.Install(t)
	first.WaitForJobs(t)
	second := apptest.Start(t, apptest.Options{Share: first, MaxConns: 2})
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{}}
	t.Cleanup(client.CloseIdleConnections)
	e := typingEnv{first: first, second: second, client: client}
	e.agentStream = apptest.Stream(t, e.adminRequest(t, second, "GET", "/app/stream", ""))
	return e
}

// adminRequest is a request of staff member 9001 to env's admin; form, when
// not "", is posted as a form.
func (e typingEnv) adminRequest(t *testing.T, env *apptest.Env, method, path, form string) *http.Request {
	t.Helper()
	req, _ := http.NewRequest(method, env.URL+path, strings.NewReader(form))
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, 9001))
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req
}

// do sends req and returns its status.
func (e typingEnv) do(t *testing.T, req *http.Request) int {
	t.Helper()
	resp, err := e.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// chatting starts a conversation of customer and returns the shopper's
// token and the ticket.
func (e typingEnv) chatting(t *testing.T, customer int64) (string, int64) {
	t.Helper()
	token := e.first.ShopperToken(t, customer)
	req := e.first.ShopperRequest(t, token, "POST", "/messages",
		map[string]string{"client_id": fmt.Sprintf("c0000000-0000-4000-8000-%012d", customer), "body": "Hello?"})
	if code := e.do(t, req); code != 201 {
		t.Fatalf("first message: %d", code)
	}
	var id int64
	if err := e.first.DB.Get(&id, `SELECT c.id FROM conversations c JOIN profiles p ON p.id = c.profile_id
		WHERE p.shopify_customer_id = $1`, customer); err != nil {
		t.Fatal(err)
	}
	return token, id
}

// rows counts the rows of every table of the database.
func rows(t *testing.T, env *apptest.Env) map[string]int {
	t.Helper()
	var tables []string
	if err := env.DB.Select(&tables, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`); err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, table := range tables {
		count := `SELECT count(*) FROM ` + table
		if table == "jobs" {
			// The instances' timers queue their periodic jobs whatever
			// happens: a slow run crosses an interval.
			count += ` WHERE unique_key IS NULL OR unique_key NOT LIKE 'periodic:%'`
		}
		var n int
		if err := env.DB.Get(&n, count); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func sameRows(t *testing.T, before, after map[string]int) {
	t.Helper()
	for table, n := range after {
		if before[table] != n {
			t.Errorf("table %s: %d rows, %d before typing", table, n, before[table])
		}
	}
}

// typingOf waits for the next event of kind on events, skipping the
// stream's other events, and returns its data.
func typingOf(t *testing.T, events <-chan apptest.Event, kind string) map[string]any {
	t.Helper()
	return apptest.Next(t, events, kind).Data
}

// The shopper typing reaches the agents' live stream on another instance,
// and an agent typing reaches the shopper's stream there, named as the
// agent's messages are; nothing of either is stored.
func TestTypingReachesTheOtherSideAcrossInstances(t *testing.T) {
	e := startTyping(t)
	token, ticket := e.chatting(t, 7001)
	shopperStream := apptest.Stream(t, e.second.ShopperRequest(t, token, "GET", "/stream", nil))
	apptest.Next(t, e.agentStream, "hubchat:conversation") // the new ticket
	before := rows(t, e.first)

	if code := e.do(t, e.first.ShopperRequest(t, token, "POST", "/typing", map[string]bool{"typing": true})); code != 204 {
		t.Fatalf("shopper typing: %d", code)
	}
	if got := typingOf(t, e.agentStream, "hubchat:typing"); got["id"] != float64(ticket) || got["typing"] != true {
		t.Fatalf("the agents saw %v", got)
	}
	if code := e.do(t, e.adminRequest(t, e.first, "POST", fmt.Sprintf("/app/tickets/%d/typing", ticket), "typing=true")); code != 204 {
		t.Fatalf("agent typing: %d", code)
	}
	got := typingOf(t, shopperStream, "typing")
	var name string
	e.first.DB.Get(&name, `SELECT first_name FROM agents WHERE shopify_user_id = 9001`)
	if got["conversation_id"] != float64(ticket) || got["who"] != "agent" || got["typing"] != true || got["name"] != nil && got["name"] != name {
		t.Fatalf("the shopper saw %v (the agent's name is %q)", got, name)
	}
	if code := e.do(t, e.adminRequest(t, e.first, "POST", fmt.Sprintf("/app/tickets/%d/typing", ticket), "typing=false")); code != 204 {
		t.Fatalf("agent stopped: %d", code)
	}
	if got := typingOf(t, shopperStream, "typing"); got["typing"] != false {
		t.Fatalf("the shopper saw %v after the agent stopped", got)
	}
	sameRows(t, before, rows(t, e.first))
}

// Fifty shoppers, each sending the same "typing" three times at once, and
// an agent typing in each of their tickets three times at once, on a pool
// of two connections: every request is answered 204, and one notice of
// each sender reaches its readers, the repeats dropped silently.
func TestConcurrentTypingIsThrottledPerSender(t *testing.T) {
	e := startTyping(t)
	const shoppers = 50
	tokens, tickets := make([]string, shoppers), make([]int64, shoppers)
	for i := range shoppers {
		tokens[i], tickets[i] = e.chatting(t, int64(8001+i))
	}
	for range shoppers {
		apptest.Next(t, e.agentStream, "hubchat:conversation")
	}
	before := rows(t, e.first)
	took := timed(func() {
		burst(t, e.client, 3*shoppers, func(k int) *http.Request {
			return e.first.ShopperRequest(t, tokens[k%shoppers], "POST", "/typing", map[string]bool{"typing": true})
		})
	})
	// A "stopped" passes after a "typing": it comes after all of them.
	if code := e.do(t, e.first.ShopperRequest(t, tokens[0], "POST", "/typing", map[string]bool{"typing": false})); code != 204 {
		t.Fatalf("stopped: %d", code)
	}
	seen := map[float64]int{}
	for {
		got := typingOf(t, e.agentStream, "hubchat:typing")
		if got["typing"] == false {
			break
		}
		seen[got["id"].(float64)]++
	}
	most := noticesWithin(took)
	for _, ticket := range tickets {
		if n := seen[float64(ticket)]; n < 1 || n > most {
			t.Errorf("ticket %d: the agents saw %d typing notices in a burst of %v, want 1 to %d", ticket, n, took, most)
		}
	}

	shopperStream := apptest.Stream(t, e.second.ShopperRequest(t, tokens[0], "GET", "/stream", nil))
	took = timed(func() {
		burst(t, e.client, 3*shoppers, func(k int) *http.Request {
			return e.adminRequest(t, e.first, "POST", fmt.Sprintf("/app/tickets/%d/typing", tickets[k%shoppers]), "typing=true")
		})
	})
	if code := e.do(t, e.adminRequest(t, e.first, "POST", fmt.Sprintf("/app/tickets/%d/typing", tickets[0]), "typing=false")); code != 204 {
		t.Fatalf("agent stopped: %d", code)
	}
	typings := 0
	for typingOf(t, shopperStream, "typing")["typing"] == true {
		typings++
	}
	if most := noticesWithin(took); typings < 1 || typings > most {
		t.Fatalf("the shopper saw %d typing notices in a burst of %v, want 1 to %d", typings, took, most)
	}
	sameRows(t, before, rows(t, e.first))
}

// timed runs f and returns how long it took.
func timed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

// noticesWithin is the most "typing" notices of one sender the gate lets
// through in a burst lasting took: one, and one more each
// realtime.TypingRefresh. On a quiet machine a burst takes well under that
// interval, so exactly one passes; on a loaded one it may straddle a few.
func noticesWithin(took time.Duration) int {
	return 1 + int(took/realtime.TypingRefresh)
}

// Typing needs its caller's credentials, and an agent types only in the
// tickets of their own shop: another shop's ticket is not found, and its
// shopper learns nothing.
func TestTypingIsScopedToItsCaller(t *testing.T) {
	e := startTyping(t)
	token, ticket := e.chatting(t, 7001)
	noToken := e.first.ShopperRequest(t, token, "POST", "/typing", map[string]bool{"typing": true})
	noToken.Header.Del("Authorization")
	if code := e.do(t, noToken); code != 401 {
		t.Fatalf("shopper typing without a token: %d, want 401", code)
	}
	bare, _ := http.NewRequest("POST", e.first.URL+fmt.Sprintf("/app/tickets/%d/typing", ticket), strings.NewReader("typing=true"))
	bare.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if code := e.do(t, bare); code != 401 {
		t.Fatalf("agent typing without a session token: %d, want 401", code)
	}
	other := otherShopTicket(t, e.first)
	if code := e.do(t, e.adminRequest(t, e.first, "POST", fmt.Sprintf("/app/tickets/%d/typing", other), "typing=true")); code != 404 {
		t.Fatalf("typing in another shop's ticket: %d, want 404", code)
	}
	for _, path := range []string{"/app/tickets/0/typing", "/app/tickets/x/typing"} {
		if code := e.do(t, e.adminRequest(t, e.first, "POST", path, "typing=true")); code != 404 {
			t.Fatalf("typing in %s: %d, want 404", path, code)
		}
	}
	bad := e.first.ShopperRequest(t, token, "POST", "/typing", nil)
	bad.Body, bad.ContentLength = http.NoBody, 0
	if code := e.do(t, bad); code != 400 {
		t.Fatalf("shopper typing with no JSON: %d, want 400", code)
	}
}

// otherShopTicket is a ticket of another shop.
func otherShopTicket(t *testing.T, env *apptest.Env) int64 {
	t.Helper()
	var shop, profile, ticket int64
	env.DB.Get(&shop, `INSERT INTO shops (domain) VALUES ('other-typing.myshopify.com') RETURNING id`)
	env.DB.Get(&profile, `INSERT INTO profiles (shop_id) VALUES ($1) RETURNING id`, shop)
	if err := env.DB.Get(&ticket, `INSERT INTO conversations (shop_id, profile_id, last_message_at, created_at, updated_at)
		VALUES ($1, $2, now(), now(), now()) RETURNING id`, shop, profile); err != nil {
		t.Fatal(err)
	}
	return ticket
}
