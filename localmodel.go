package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"

	"hubchat/app/aiagent/openai/modelserver"
	"hubchat/app/config"
	"hubchat/app/helpdesk/helpdesktest"
)

// localModelKey is the API key the local stand-in model accepts, printed by
// `hubchat dev`.
const localModelKey = "demo-model-key"

// startLocalModel runs, for `hubchat dev`, a stand-in model that speaks the
// Chat Completions API (modelserver.Quote: it quotes the passage the app
// retrieved, a word at a time), so a merchant trying the demo can choose
// the OpenAI-compatible engine and watch an answer stream without a
// provider. It serves on a free loopback port until ctx ends and returns
// its base URL; "" outside dev.
func startLocalModel(ctx context.Context, cfg config.Config, log *slog.Logger) (string, error) {
	if cfg.Mode != config.Dev {
		return "", nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("local model: %w", err)
	}
	go func() {
		if err := helpdesktest.Serve(ctx, ln, modelserver.New(localModelKey, modelserver.Quote)); err != nil {
			log.Error("local model stopped", "error", err)
		}
	}()
	return "http://" + ln.Addr().String() + "/v1", nil
}

// printLocalModel tells the developer how to try the OpenAI-compatible
// engine with the local stand-in model.
func printLocalModel(w io.Writer, baseURL string) {
	if baseURL == "" {
		return
	}
	fmt.Fprintf(w, "  Model           a local stand-in for the OpenAI-compatible engine (Settings → AI agent → Answering engine):\n")
	fmt.Fprintf(w, "                  base URL %s, any model name, API key %s; it quotes the passage found\n\n", baseURL, localModelKey)
}
