package loadtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// aiStep is one step of the AI agent's answers as the server timed it
// (the app's ai_answer_stages on its debug address), in milliseconds.
type aiStep struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

// answerVars are the figures of the instance's debug address the AI
// scenario reads: its answers' steps, and the waits for its connections.
type answerVars struct {
	Stages map[string]aiStep `json:"ai_answer_stages"`
	Pool   map[string]int64  `json:"db_pool_waits"`
}

// readAnswerVars reads them; ok is false when the instance serves no
// debug address or it cannot be read.
func readAnswerVars(in *Instance) (answerVars, bool) {
	var vars answerVars
	if in == nil || in.DebugAddr == "" {
		return vars, false
	}
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + in.DebugAddr + "/debug/vars")
	if err != nil {
		return vars, false
	}
	defer resp.Body.Close()
	return vars, json.NewDecoder(resp.Body).Decode(&vars) == nil
}

// aiStages says where the instance's answers spent their time, one line
// a step in the steps' order, and how often its requests and jobs waited
// for a connection since before (read before the scenario); "" when it
// serves no debug address or has timed nothing.
func aiStages(in *Instance, before answerVars) string {
	vars, ok := readAnswerVars(in)
	if !ok || len(vars.Stages) == 0 {
		return ""
	}
	steps := make([]string, 0, len(vars.Stages))
	for step := range vars.Stages {
		steps = append(steps, step)
	}
	slices.Sort(steps)
	var b strings.Builder
	for _, step := range steps {
		s := vars.Stages[step]
		fmt.Fprintf(&b, "  %-55s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (n=%d)\n", step, s.P50, s.P99, s.Max, s.N)
	}
	if p := vars.Pool; p != nil {
		fmt.Fprintf(&b, "  connection pool (%d): %d waits for a connection during the scenario, %d ms in all\n",
			p["max_open"], p["waits"]-before.Pool["waits"], p["waited_ms"]-before.Pool["waited_ms"])
	}
	return b.String()
}
