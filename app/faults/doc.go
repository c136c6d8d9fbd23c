// Package faults is hubchat's fault suite (its tests): hubchat built from
// this tree runs on a private PostgreSQL on loopback, driven by the load
// tool's shoppers and agents (app/loadtest), while a fault is injected —
// PostgreSQL restarted or crashed, an instance killed and started again,
// the LISTEN connection terminated, a lock held past the statement
// deadline, the process killed while its jobs are inside calls to outside
// services, those services down, hanging or answering garbage, streams
// that stall or vanish by the hundred, webhooks shuffled, repeated and
// late. The outside services run in the test process (local fakes behind
// fronts that make them fail, an SMTP server), reached by the settings
// hubchat has for them. After each, every acknowledged message must have reached every
// stream it belongs to exactly once (streams resume from Last-Event-ID, so
// no gap), and the app must answer again without being restarted. Each
// scenario prints its figures: messages acknowledged, delivered, lost and
// duplicated, sends refused during the fault, stream reconnects, and the
// time the app took to recover.
//
// The short scenarios run with every `go test`; the long ones when
// FAULTS=all is set (`make faults`). docs/RELIABILITY.md holds the table.
package faults
