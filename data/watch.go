package data

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/jackc/pgx/v5"
)

// Telling a window that another clerk changed the data: on the office
// server every write transaction sends NOTIFY jiayuan_changes with its
// client's id, and WatchChanges LISTENs on a connection of its own; in a
// data folder (another process writing the same file, e.g. a command-line
// job) it polls SQLite's data_version, which changes when another
// connection commits.

const notifyChannel = "jiayuan_changes"

// clientID names this store's connection in its notifications, so its own
// writes do not wake it.
func newClientID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// notifyChange is sent inside a write transaction; PostgreSQL delivers it
// at commit, and not at all after a rollback.
func (tx *Tx) notifyChange() error {
	if !tx.q.d.pg {
		return nil
	}
	_, err := tx.q.Exec(`SELECT pg_notify('`+notifyChannel+`', ?)`, tx.s.clientID())
	return err
}

func (s *Store) clientID() string {
	s.idOnce.Do(func() { s.id = newClientID() })
	return s.id
}

// WatchChanges calls fn, from another goroutine, soon after another client
// commits a change (within about a second; several changes close together
// give one call), until ctx ends. The store's own writes do not call it.
func (s *Store) WatchChanges(ctx context.Context, fn func()) {
	if s.db.d.pg {
		go s.listen(ctx, fn)
		return
	}
	go s.pollDataVersion(ctx, fn)
}

func (s *Store) listen(ctx context.Context, fn func()) {
	me := s.clientID()
	for ctx.Err() == nil {
		conn, err := pgx.Connect(ctx, s.url)
		if err != nil {
			sleep(ctx, 5*time.Second) // server away: try again later
			continue
		}
		if _, err := conn.Exec(ctx, "LISTEN "+notifyChannel); err != nil {
			conn.Close(context.Background())
			sleep(ctx, 5*time.Second)
			continue
		}
		for {
			n, err := conn.WaitForNotification(ctx)
			if err != nil {
				break
			}
			if n.Payload == me {
				continue
			}
			// several clerks' saves close together give one refresh
			sleep(ctx, 200*time.Millisecond)
			fn()
		}
		conn.Close(context.Background())
	}
}

func (s *Store) pollDataVersion(ctx context.Context, fn func()) {
	conn, err := s.db.DB.Connx(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	var last int64 = -1
	for {
		var v int64
		if err := conn.GetContext(ctx, &v, `PRAGMA data_version`); err == nil {
			if last >= 0 && v != last && s.gen.Load() == s.seenGen.Load() {
				fn()
			}
			last = v
			s.seenGen.Store(s.gen.Load())
		}
		if !sleep(ctx, time.Second) {
			return
		}
	}
}

// sleep waits d or until ctx ends, and reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
