package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"sync"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
)

// With a pool of 2 connections, 50 shoppers and an agent using the chat API
// and the admin at once — first messages that start conversations with an
// office-hours reply, state loads, agent replies, read receipts, second
// messages — every request finishes, well within its deadline, and leaves
// no connection idle in a transaction. (A first message once read the
// office hours through the pool while its transaction held a connection:
// with N connections, N concurrent first messages waited on each other for
// ever.)
func TestFiftyConcurrentRequestsOfEveryKindOnAPoolOfTwo(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{MaxConns: 2})
	env.Install(t)
	env.WaitForJobs(t)
	// Office hours all week: every new conversation gets the automatic reply.
	env.DB.MustExec(`UPDATE chat_settings SET office_hours =
		'{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],"thu":[["00:00","24:00"]],
		  "fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}'`)
	const shoppers = 50
	tokens := make([]string, shoppers)
	for i := range tokens {
		tokens[i] = env.ShopperToken(t, int64(8001+i))
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{}}
	// Connections dialled and left unused would hold the server's shutdown.
	t.Cleanup(client.CloseIdleConnections)
	send := func(i int, n int) *http.Request {
		return env.ShopperRequest(t, tokens[i], "POST", "/messages",
			map[string]string{"client_id": fmt.Sprintf("00000000-0000-4000-8000-%06d%06d", n, i), "body": "Where is my order?"})
	}

	// First messages and state loads at once.
	burst(t, client, 2*shoppers, func(k int) *http.Request {
		if k%2 == 0 {
			return send(k/2, 1)
		}
		return env.ShopperRequest(t, tokens[k/2], "GET", "/state", nil)
	})
	var tickets []int64
	env.DB.Select(&tickets, `SELECT id FROM conversations ORDER BY id`)
	var automatic int
	env.DB.Get(&automatic, `SELECT count(*) FROM messages WHERE author = 'system'`)
	if len(tickets) != shoppers || automatic != shoppers {
		t.Fatalf("%d tickets and %d automatic replies, want %d of each", len(tickets), automatic, shoppers)
	}

	// Agent replies, read receipts and second messages at once.
	agent := shopifytest.DemoStaff()[0].ID
	burst(t, client, 3*shoppers, func(k int) *http.Request {
		i := k / 3
		switch k % 3 {
		case 0:
			return agentReply(t, env, env.SessionToken(t, agent), tickets[i])
		case 1:
			return env.ShopperRequest(t, tokens[i], "POST", "/seen", map[string]int64{"up_to_id": 1 << 40})
		}
		return send(i, 2)
	})
	var idle int
	env.DB.Get(&idle, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`)
	var messages int
	env.DB.Get(&messages, `SELECT count(*) FROM messages`)
	if idle != 0 || messages != 4*shoppers {
		t.Fatalf("%d connections idle in a transaction (want 0), %d messages (want %d)", idle, messages, 4*shoppers)
	}
}

// burst sends n requests at once and fails unless every one is answered 2xx
// within a minute.
func burst(t *testing.T, client *http.Client, n int, req func(k int) *http.Request) {
	t.Helper()
	reqs := make([]*http.Request, n)
	for k := range reqs {
		reqs[k] = req(k)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	failures := make(chan string, n)
	for _, r := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Do(r.WithContext(ctx))
			if err != nil {
				failures <- fmt.Sprintf("%s %s: %v", r.Method, r.URL.Path, err)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode/100 != 2 {
				failures <- fmt.Sprintf("%s %s: %d %s", r.Method, r.URL.Path, resp.StatusCode, body)
			}
		}()
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	if t.Failed() {
		t.FailNow()
	}
}

// agentReply is an agent's reply to a ticket, as the ticket page's form
// sends it.
func agentReply(t *testing.T, env *apptest.Env, sessionToken string, ticket int64) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("body", "It ships today.")
	w.Close()
	req, err := http.NewRequest("POST", fmt.Sprintf("%s/app/tickets/%d/messages", env.URL, ticket), &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+sessionToken)
	req.Header.Set("HX-Request", "true")
	return req
}
