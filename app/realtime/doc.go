// Package realtime delivers the event log (storage.Events) live: one Listener
// per app instance follows the log through LISTEN/NOTIFY and hands each event
// to the instance's Hub, which fans it out to the subscriptions of the
// streams open on this instance; a Streamer serves such a stream as
// server-sent events, replaying what a reconnecting client missed first.
//
//	write tx: INSERT message; append event; COMMIT   (storage; no NOTIFY)
//	  → this instance's waker, once the tx has ended: one NOTIFY for all (storage)
//	  → every instance: Listener reads the log in id order → Hub → Streamer → SSE
//
// Order and resume. The Listener hands events to the Hub in id order, each
// once, and only up to settled ids (see storage.Events: an id is settled once
// every smaller id is visible or never will be). So an SSE id is a complete
// cursor: a client that saw id N has seen every event for it up to N, and a
// reconnect with Last-Event-ID N is sent exactly what followed. The Hub keeps
// the id up to which it has published (its horizon); a stream subscribes, and
// in the same step learns the horizon, then replays the log after the
// client's id up to that horizon, then sends live events, which all come
// after it. Nothing is lost in between, and nothing is sent twice. The log
// keeps a few days only (storage.Events.DeleteBefore), and records how far
// it has pruned each shop's events: a client resuming from before that mark
// is sent a reset event instead of a replay, reloads its state, and the
// stream goes on live.
//
// Limits. One caller (a shopper's profile, an agent) holds at most a few
// streams per instance (MaxShopperStreams, MaxAgentStreams); a stream whose
// client has taken nothing for StreamerConfig.WriteTimeout (its TCP window
// full) ends, giving its slot back; a panic while writing a stream ends that
// stream, not the process.
//
// The events are the system's own; who may read which stream is the caller's
// business: callers authenticate the request and pass the Filter in.
package realtime
