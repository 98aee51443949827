package data

import (
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Documents that carry a 发文字号.
const (
	DocDecision = "decision" // 命名决定
	DocNotice   = "notice"   // 公示
)

// DocLabel is the Chinese name of a document kind.
func DocLabel(doc string) string {
	switch doc {
	case DocDecision:
		return "命名决定"
	case DocNotice:
		return "公示"
	}
	return doc
}

// ActionWenhao is the audit action of issuing a document under a 发文字号.
const ActionWenhao = "wenhao"

func init() { extraActionLabels[ActionWenhao] = "印发（登记发文字号）" }

// Wenhao is an issued 发文字号 (GB/T 9704-2012 §7.2.4): 机关代字〔年份〕序号号.
type Wenhao struct {
	ID       int64  `db:"id"`
	Daizi    string `db:"daizi"` // 机关代字, e.g. 华阳街道党工委发
	Year     int    `db:"year"`
	Seq      int    `db:"seq"`
	Doc      string `db:"doc"` // DocDecision or DocNotice
	RoundID  int64  `db:"round_id"`
	IssuedOn string `db:"issued_on"` // the document's date, YYYY-MM-DD
	At       string `db:"created_at"`
	Round    string `db:"round_title"` // the round's title (lists only)
}

// String is the number as printed: 华阳街道党工委发〔2021〕12号.
func (w Wenhao) String() string { return FormatWenhao(w.Daizi, w.Year, w.Seq) }

// FormatWenhao writes 机关代字〔年份〕序号号: 六角括号, the full year, no leading zero, no 第.
func FormatWenhao(daizi string, year, seq int) string {
	return fmt.Sprintf("%s〔%d〕%d号", daizi, year, seq)
}

var wenhaoRE = regexp.MustCompile(`^(.+?)〔(\d{4})〕(\d+)号$`)

// ParseWenhao reads a 发文字号, saying in Chinese what is wrong with a bad one.
func ParseWenhao(s string) (daizi string, year, seq int, err error) {
	s = strings.TrimSpace(s)
	bad := func(why string) error {
		return fmt.Errorf("发文字号“%s”%s，应写成“机关代字〔年份〕序号号”，如 华阳街道党工委发〔2021〕12号", s, why)
	}
	switch {
	case s == "":
		return "", 0, 0, fmt.Errorf("发文字号是空的，应写成“机关代字〔年份〕序号号”，如 华阳街道党工委发〔2021〕12号")
	case strings.ContainsAny(s, "[]()（）【】〈〉"):
		return "", 0, 0, bad("的年份要用六角括号〔〕")
	case strings.Contains(s, "第"):
		return "", 0, 0, bad("的序号前不加“第”")
	}
	m := wenhaoRE.FindStringSubmatch(s)
	if m == nil {
		return "", 0, 0, bad("写法不对")
	}
	if strings.HasPrefix(m[3], "0") {
		return "", 0, 0, bad("的序号不编虚位（不写前面的 0）")
	}
	year, _ = strconv.Atoi(m[2])
	seq, err = strconv.Atoi(m[3])
	if err != nil || seq < 1 || year < 1949 || year > 2200 {
		return "", 0, 0, bad("的年份或序号不对")
	}
	if strings.ContainsAny(m[1], "〔〕 \t") {
		return "", 0, 0, bad("的机关代字不对")
	}
	return m[1], year, seq, nil
}

// NextWenhao is the next free number for a 机关代字 and year.
func (s *Store) NextWenhao(daizi string, year int) (int, error) {
	var n int
	if err := s.db.Get(&n, `SELECT COALESCE(MAX(seq), 0) FROM wenhao WHERE daizi = ? AND year = ?`, daizi, year); err != nil {
		return 0, fmt.Errorf("无法读取已用的发文字号：%s", Explain(err))
	}
	return n + 1, nil
}

const wenhaoSelect = `SELECT w.id, w.daizi, w.year, w.seq, w.doc, w.round_id, w.issued_on, w.created_at,
	COALESCE(r.title, '') AS round_title FROM wenhao w LEFT JOIN rounds r ON r.id = w.round_id`

// IssuedWenhao is the number a round's document was issued under, if it was.
func (s *Store) IssuedWenhao(roundID int64, doc string) (Wenhao, bool, error) {
	return issuedWenhao(s.db, roundID, doc)
}

func issuedWenhao(q queryer, roundID int64, doc string) (Wenhao, bool, error) {
	var w Wenhao
	err := q.Get(&w, wenhaoSelect+` WHERE w.round_id = ? AND w.doc = ?`, roundID, doc)
	if errors.Is(err, sql.ErrNoRows) {
		return w, false, nil
	}
	if err != nil {
		return w, false, fmt.Errorf("无法读取发文字号：%s", Explain(err))
	}
	return w, true, nil
}

// Wenhaos lists the issued numbers by 代字, year and number.
func (s *Store) Wenhaos() ([]Wenhao, error) {
	var ws []Wenhao
	if err := s.db.Select(&ws, wenhaoSelect+` ORDER BY w.daizi, w.year, w.seq`); err != nil {
		return nil, fmt.Errorf("无法读取发文字号：%s", Explain(err))
	}
	return ws, nil
}

// CheckWenhao refuses a number that is malformed or already used by another
// document; a round's document may be printed again under its own number.
func (s *Store) CheckWenhao(roundID int64, doc, text string) error {
	return checkWenhao(s.db, roundID, doc, text)
}

func checkWenhao(q queryer, roundID int64, doc, text string) error {
	daizi, year, seq, err := ParseWenhao(text)
	if err != nil {
		return err
	}
	var w Wenhao
	err = q.Get(&w, wenhaoSelect+` WHERE w.daizi = ? AND w.year = ? AND w.seq = ?`, daizi, year, seq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("无法读取发文字号：%s", Explain(err))
	}
	if w.RoundID == roundID && w.Doc == doc {
		return nil
	}
	return fmt.Errorf("发文字号“%s”已用于评选活动“%s”的%s（%s），请换一个序号", w.String(), w.Round, DocLabel(w.Doc), w.IssuedOn)
}

// IssueWenhao records that a round's document is issued under text, dated on,
// with its row in the audit trail. Issuing it again under the same number does
// nothing; under another number, or a number already used, is refused.
func (s *Store) IssueWenhao(roundID int64, doc, text string, on time.Time) (Wenhao, error) {
	daizi, year, seq, err := ParseWenhao(text)
	if err != nil {
		return Wenhao{}, err
	}
	var out Wenhao
	err = s.Write(func(tx *Tx) error {
		r, err := getRound(tx.q, roundID)
		if err != nil {
			return err
		}
		if old, ok, err := issuedWenhao(tx.q, roundID, doc); err != nil {
			return err
		} else if ok {
			if old.String() != FormatWenhao(daizi, year, seq) {
				return fmt.Errorf("%s的%s已按“%s”印发，重印沿用原发文字号，不能改为“%s”", r.Label(), DocLabel(doc), old.String(), text)
			}
			out = old
			return nil
		}
		if err := checkWenhao(tx.q, roundID, doc, text); err != nil {
			return err
		}
		out = Wenhao{Daizi: daizi, Year: year, Seq: seq, Doc: doc, RoundID: roundID, IssuedOn: on.Format("2006-01-02"), At: tx.Stamp(), Round: r.Title}
		res, err := tx.q.Exec(`INSERT INTO wenhao (daizi, year, seq, doc, round_id, issued_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			daizi, year, seq, doc, roundID, out.IssuedOn, out.At)
		if err != nil {
			return fmt.Errorf("无法登记发文字号“%s”：%s", text, Explain(err))
		}
		out.ID, _ = res.LastInsertId()
		return tx.Audit(EntityRound, r.ID, r.UUID, r.Title, ActionWenhao, "",
			[]Change{{Field: "Wenhao", Label: DocLabel(doc) + "发文字号", New: out.String()}})
	})
	return out, err
}
