package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/helpdesk/helpdesktest"
	"hubchat/storage"
)

// The accounts of the fake helpdesks. The secrets are distinctive so a test
// can look for them anywhere.
const (
	zendeskEmail = "agent@demo-shop.example"
	zendeskToken = "ZDTOKEN-7f3a9c1e5b2d8f4a6c0e"
	gorgiasUser  = "owner@demo-shop.example"
	gorgiasKey   = "GSKEY-2b7e4d9a1c6f3e8b5a0d"
)

// aiEnv is the app with the demo shop installed, fake Zendesk and Gorgias
// accounts where the configuration sends the credentials checks, and an
// engine (nil: none wired).
type aiEnv struct {
	settingsEnv
	zendesk *helpdesktest.Zendesk
	gorgias *helpdesktest.Gorgias
}

func startAI(t *testing.T, engine aiagent.Engine) aiEnv {
	t.Helper()
	zd, gs := helpdesktest.NewZendesk(zendeskEmail, zendeskToken), helpdesktest.NewGorgias("demo-shop", gorgiasUser, gorgiasKey)
	zsrv, gsrv := httptest.NewServer(zd), httptest.NewServer(gs)
	t.Cleanup(zsrv.Close)
	t.Cleanup(gsrv.Close)
	env := apptest.Start(t, apptest.Options{Engine: engine, Config: func(c *config.Config) {
		c.ZendeskURL, c.GorgiasURL = zsrv.URL, gsrv.URL
	}})
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	return aiEnv{settingsEnv: settingsEnv{Env: env, t: t, shopID: shopID}, zendesk: zd, gorgias: gs}
}

func (e aiEnv) aiSettings() storage.AISettings {
	e.t.Helper()
	a, err := storage.NewAISettings(e.DB, e.Keys, time.Now).Get(context.Background(), e.shopID)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

// aiRows is how many rows of AI settings the database holds.
func (e aiEnv) aiRows() int {
	e.t.Helper()
	var n int
	if err := e.DB.Get(&n, `SELECT count(*) FROM ai_settings`); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// postFile sends a file in the field "file", with the other fields, as a
// multipart form.
func (e settingsEnv) postFile(path, filename string, content []byte, htmx bool) (*http.Response, string) {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("file", filename)
	if err != nil {
		e.t.Fatal(err)
	}
	part.Write(content)
	w.Close()
	req, _ := http.NewRequest("POST", e.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	return e.do(req)
}

// postMultipart sends fields as a multipart form, as the import's confirm
// form does.
func (e settingsEnv) postMultipart(path string, fields map[string]string, htmx bool) (*http.Response, string) {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	w.Close()
	req, _ := http.NewRequest("POST", e.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if htmx {
		req.Header.Set("HX-Request", "true")
	}
	return e.do(req)
}

// scriptedEngine is an aiagent.Engine that answers from a table of
// questions (anything else: a low-confidence handoff), and records what it
// was asked. It stands in for the built-in engine, which answers from the
// shop's data.
type scriptedEngine struct {
	answers map[string]aiagent.Answer
	fail    error

	mu    sync.Mutex
	asked []askedQuestion
}

type askedQuestion struct {
	shopID int64
	q      aiagent.Question
}

func (s *scriptedEngine) Answer(_ context.Context, shopID int64, q aiagent.Question) (aiagent.Answer, error) {
	s.mu.Lock()
	s.asked = append(s.asked, askedQuestion{shopID, q})
	s.mu.Unlock()
	if s.fail != nil {
		return aiagent.Answer{}, s.fail
	}
	if a, ok := s.answers[q.Text]; ok {
		return a, nil
	}
	return aiagent.Answer{Confidence: 0.1, Handoff: true, HandoffReason: "low confidence", Intent: aiagent.IntentQuestion, Tag: aiagent.TagOther}, nil
}

func (s *scriptedEngine) questions() []askedQuestion {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]askedQuestion(nil), s.asked...)
}

func (a askedQuestion) String() string {
	return fmt.Sprintf("%d:%s:%s", a.shopID, a.q.Language, a.q.Text)
}
