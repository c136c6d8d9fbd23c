package realtime

import (
	"bufio"
	"context"
	"fmt"

	"hubchat/storage"
)

// A stream's start: bringing a client that resumes up to the hub's horizon
// from the event log, or telling it to reload when the log was pruned.

// position is where a stream starts from.
type position struct {
	after   int64 // the client's Last-Event-ID; -1 for none (a new stream)
	pruned  int64 // the shop's storage.Events.PrunedThrough, read before subscribing
	horizon int64 // the hub's when the stream subscribed
}

// catchUp brings a client that saw the events up to from.after to the hub's
// horizon, and returns the id the stream goes on from: live events up to it
// were sent by the replay, or before. It replays from the log, or sends a
// reset when pruning has deleted events after from.after; as a prune may
// run during the replay, the mark is read again once it is done. Then it
// sends that id, alone.
func (s *Streamer) catchUp(ctx context.Context, w *bufio.Writer, dl writeDeadline, f Filter, from position, encode Encoder) (int64, error) {
	after, pruned := from.after, from.pruned
	last := max(after, from.horizon)
	if after >= 0 {
		if pruned <= after && after < from.horizon {
			if err := s.replay(ctx, w, dl, f, after, from.horizon, encode); err != nil {
				return 0, err
			}
			var err error
			if pruned, err = s.prunedThrough(ctx, f); err != nil {
				return 0, err
			}
		}
		if pruned > after {
			// Live events come after the mark: the pruned ones are old.
			last = max(last, pruned)
			if err := writeFrame(w, last, ResetEvent, []byte("{}")); err != nil {
				return 0, err
			}
			return last, w.Flush()
		}
	}
	if _, err := fmt.Fprintf(w, "id: %d\n\n", last); err != nil {
		return 0, err
	}
	return last, w.Flush()
}

// prunedThrough is the Backlog's mark for f's shop.
func (s *Streamer) prunedThrough(ctx context.Context, f Filter) (int64, error) {
	id, err := s.cfg.Backlog.PrunedThrough(ctx, f.shopID)
	if err != nil && ctx.Err() == nil {
		s.cfg.Logger.Error("stream: read how far the log was pruned", "shop_id", f.shopID, "err", err)
	}
	return id, err
}

// replay writes the events that pass f after after and up to horizon, from
// the log, flushing each page.
func (s *Streamer) replay(ctx context.Context, w *bufio.Writer, dl writeDeadline, f Filter, after, horizon int64, encode Encoder) error {
	for cursor := after; cursor < horizon; {
		var events []storage.Event
		var err error
		if f.profileID == 0 {
			events, err = s.cfg.Backlog.After(ctx, f.shopID, cursor, replayPage)
		} else {
			events, err = s.cfg.Backlog.AfterForProfile(ctx, f.shopID, f.profileID, cursor, replayPage)
		}
		if err != nil {
			if ctx.Err() == nil {
				s.cfg.Logger.Error("stream: replay the log", "shop_id", f.shopID, "after_id", cursor, "err", err)
			}
			return err
		}
		dl.extend()
		for i := range events {
			e := &events[i]
			if e.ID > horizon {
				break // live events bring it, in order
			}
			if f.Match(e) {
				if err := s.write(w, e, encode); err != nil {
					return err
				}
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
		if len(events) < replayPage {
			return nil
		}
		cursor = events[len(events)-1].ID
	}
	return nil
}
