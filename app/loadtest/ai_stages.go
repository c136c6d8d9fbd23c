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

// aiStages reads where the instance's answers spent their time, one line
// a step in the steps' order; "" when it serves no debug address or has
// timed nothing.
func aiStages(in *Instance) string {
	if in == nil || in.DebugAddr == "" {
		return ""
	}
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + in.DebugAddr + "/debug/vars")
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	var vars struct {
		Stages map[string]aiStep `json:"ai_answer_stages"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&vars); err != nil || len(vars.Stages) == 0 {
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
	return b.String()
}
