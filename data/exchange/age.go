package exchange

import (
	"fmt"
	"time"

	"jiayuan/data"
)

// The age of a record or nomination in an exchange file (minor 1): the
// sender's version of it (Rev: how many operations its copy's audit trail
// holds of it, creation included, so every change counts) and the time of
// its last change. The receiver keeps, per record and sending copy, the highest
// version and the latest time taken in (exchange_seen). A file whose
// version and time are both no newer than those, and one of them older, is
// an older file opened after a newer one: its record is left as it is
// (OursNewer, Item.Older), whatever the clerk prefers for conflicts. Version
// and time must agree, so neither a copy restored from a backup (its
// versions count again from lower, at later times) nor a clock put right
// (later versions at earlier times) has its new changes taken for old ones;
// then, and for files without ages (older programs), the import compares
// the contents as before.

// age is one record's version and time of last change at its sender.
type age struct {
	Rev int64
	At  time.Time
}

func (a age) known() bool { return a.Rev > 0 && !a.At.IsZero() }

// olderThan reports whether a is dominated by seen: no newer in version nor
// time, and older in one of them.
func (a age) olderThan(seen age) bool {
	if !a.known() || !seen.known() {
		return false
	}
	noNewer := a.Rev <= seen.Rev && !a.At.After(seen.At)
	return noNewer && (a.Rev < seen.Rev || a.At.Before(seen.At))
}

func parseAge(rev int64, at string) age {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return age{}
	}
	return age{Rev: rev, At: t}
}

// olderNote says why an older item is left as it is.
func olderNote(in, seen age) string {
	const when = "2006-01-02 15:04:05"
	return fmt.Sprintf("文件较旧：其中是对方第 %d 次操作后的内容（%s），本机已收到对方第 %d 次操作后的内容（%s）；较旧的不再采用，本机保持不变",
		in.Rev, in.At.Format(when), seen.Rev, seen.At.Format(when))
}

// localAges turns the store's RecordAges of an entity (also nominations)
// into the version and time of last change of every record, by local id.
func localAges(rows []data.RecordAge, err error) (map[int64]age, error) {
	if err != nil {
		return nil, err
	}
	out := make(map[int64]age, len(rows))
	for _, r := range rows {
		rev := max(r.Audits, 1) // a record written without an audit row (none should be) is at its first version
		a := parseAge(rev, r.LastAudit)
		if u := parseAge(rev, r.UpdatedAt); a.At.IsZero() || u.At.After(a.At) {
			a = u
		}
		out[r.ID] = a
	}
	return out, nil
}

// source names the sending copy for exchange_seen; "" for a file without
// ages (an older program), whose records' ages are unknown.
func source(m Manifest) string {
	if m.Minor < 1 || m.Sender.Copy == "" {
		return ""
	}
	return m.Sender.Copy + "|" + m.Sender.Role + "|" + m.Sender.CommunityUUID
}

// seenAges holds the newest ages taken in from one sending copy, by
// entity and UUID, read once per import.
type seenAges struct {
	src string
	m   map[string]age
}

func seenKey(entity, uuid string) string { return entity + "/" + uuid }

// loadSeen reads the ages taken in from the file's sender ("" source: none).
func loadSeen(tx *data.Tx, src string) (*seenAges, error) {
	s := &seenAges{src: src, m: map[string]age{}}
	if src == "" {
		return s, nil
	}
	rows, err := tx.SeenAges(src)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		s.m[seenKey(r.Entity, r.UUID)] = parseAge(r.Rev, r.ChangedAt)
	}
	return s, nil
}

// remember keeps the highest version and the latest time taken in of a
// record from the source; nothing is written when neither is newer.
func (s *seenAges) remember(tx *data.Tx, entity, uuid string, in age) error {
	if s.src == "" || !in.known() {
		return nil
	}
	if seen := s.m[seenKey(entity, uuid)]; seen.known() {
		if in.Rev <= seen.Rev && !in.At.After(seen.At) {
			return nil
		}
		if seen.Rev > in.Rev {
			in.Rev = seen.Rev
		}
		if seen.At.After(in.At) {
			in.At = seen.At
		}
	}
	return tx.RememberSeen(s.src, data.SeenAge{Entity: entity, UUID: uuid, Rev: in.Rev, ChangedAt: in.At.Format(time.RFC3339)})
}

// markOlder leaves an item as it is here when the file's version of it is
// older than one already taken in from the same copy.
func (s *seenAges) markOlder(it *Item) {
	if it.Status == Same || it.Status == Added {
		return
	}
	if seen := s.m[seenKey(it.Entity, it.UUID)]; it.in.olderThan(seen) {
		it.Status, it.Older, it.Note = OursNewer, true, olderNote(it.in, seen)
	}
}

// anyNewer reports whether importing would remember, of a record the same
// here or kept as ours, an age newer than the ones taken in (see
// rememberAges). A deletion this copy cannot make (Blocked) is asked again
// by the same file anyway.
func (s *seenAges) anyNewer(p *Plan) bool {
	if s == nil || s.src == "" {
		return false
	}
	for _, it := range p.Items {
		if (it.Status != Same && it.Status != OursNewer) || it.Older || it.IsState() || !it.in.known() ||
			(!isRecord(it) && it.Entity != data.EntityNomination) {
			continue
		}
		seen := s.m[seenKey(it.Entity, it.UUID)]
		if !seen.known() || it.in.Rev > seen.Rev || it.in.At.After(seen.At) {
			return true
		}
	}
	return false
}

// rememberAges records the ages of everything the file brought that was
// not older, once the import is done.
func rememberAges(tx *data.Tx, p *Plan) error {
	for _, it := range p.Items {
		if it.Older || it.IsState() || (!isRecord(it) && it.Entity != data.EntityNomination) {
			continue
		}
		if err := p.seen.remember(tx, it.Entity, it.UUID, it.in); err != nil {
			return err
		}
	}
	return nil
}
