package documents

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"jiayuan/data"
	"jiayuan/reports"
)

// PrintOptions are the choices of one print of a notice or decision.
type PrintOptions struct {
	Wenhao     string // the 发文字号 to use; "" means the recorded one, else the next free one
	Letterhead bool   // print for the pre-printed 红头纸: only the 文号 and what follows
}

// headerMode is the 版头 a document kind prints with these options.
func headerMode(s data.Settings, doc string, opt PrintOptions) reports.HeaderMode {
	switch {
	case opt.Letterhead:
		return reports.HeaderLetterhead
	case s.Header(doc) == data.HeaderFull:
		return reports.HeaderFull
	case s.Header(doc) == data.HeaderLetterhead:
		return reports.HeaderLetterhead
	}
	return reports.HeaderNone
}

// ProposedWenhao is the 发文字号 a round's document prints with: the one it was
// issued under, else the next free one for the lead organ's 代字 and year.
func ProposedWenhao(st *data.Store, s data.Settings, roundID int64, doc string, year int) (text string, issued bool, err error) {
	w, ok, err := st.IssuedWenhao(roundID, doc)
	if err != nil || ok {
		return w.String(), ok, err
	}
	daizi := s.Daizi()
	if daizi == "" {
		return "", false, fmt.Errorf("还没有设置机关代字，无法编发文字号：请在“设置—打印—公文”的“发文机关及机关代字”中填写，如 华阳街道党工委|华阳街道党工委发")
	}
	n, err := st.NextWenhao(daizi, year)
	if err != nil {
		return "", false, err
	}
	return data.FormatWenhao(daizi, year, n), false, nil
}

// wenhaoFor decides the 文号 of a print: the recorded one (a different one asked
// for is refused), the one asked for (refused when malformed or used), or the
// next free one. It says whether the number is still to be recorded.
func wenhaoFor(st *data.Store, s data.Settings, roundID int64, doc string, year int, asked string) (string, bool, error) {
	asked = strings.TrimSpace(asked)
	prop, issued, err := ProposedWenhao(st, s, roundID, doc, year)
	if issued {
		if asked != "" && asked != prop {
			return "", false, fmt.Errorf("%s已按发文字号“%s”印发，重印沿用原文号，不能改为“%s”", data.DocLabel(doc), prop, asked)
		}
		return prop, false, nil
	}
	if asked == "" {
		return prop, err == nil, err
	}
	if err := st.CheckWenhao(roundID, doc, asked); err != nil {
		return "", false, err
	}
	return asked, true, nil
}

// officialParts fills a document's 版头, signature, seal and (for the decision)
// 版记 from the settings; it returns the 文号 still to be recorded ("" when none).
func officialParts(st *data.Store, s data.Settings, roundID int64, doc string, d *reports.OfficialDoc, opt PrintOptions) (string, error) {
	organs := s.DocOrgans()
	if doc == data.DocDecision {
		d.Colophon = reports.Colophon{CopyTo: s.CopyTo, PrintedBy: s.PrintedBy, PrintedOn: d.Date}
	}
	if s.DocSeal != "" {
		seal, err := readSeal(s.DocSeal)
		if err != nil {
			return "", err
		}
		d.Seal = seal
	}
	h := reports.Header{Mode: headerMode(s, doc, opt), Suffix: "文件", Red: s.Red()}
	if h.Mode == reports.HeaderNone {
		if strings.TrimSpace(opt.Wenhao) != "" {
			return "", fmt.Errorf("%s设为不印版头，也就不印发文字号：请在“设置—打印—公文”中改为完整版头或红头纸，或加 -letterhead 按红头纸打印", data.DocLabel(doc))
		}
		return "", nil
	}
	for _, o := range organs {
		h.Organs = append(h.Organs, o.Name)
	}
	if len(organs) > 1 { // 联合行文: each organ signs, the lead organ first
		d.Issuer = strings.Join(h.Organs, "\n")
	}
	if len(h.Organs) == 0 && h.Mode == reports.HeaderFull {
		h.Organs = []string{d.Issuer}
	}
	h.WenhaoTop, h.BodyTop = s.LetterheadMM()
	wh, record, err := wenhaoFor(st, s, roundID, doc, d.Date.Year(), opt.Wenhao)
	if err != nil {
		return "", err
	}
	h.Wenhao = wh
	d.Header = h
	if !record {
		return "", nil
	}
	return wh, nil
}

// WillIssue tells whether printing a round's document records a 发文字号 (the
// document has a 版头 and was not issued yet): a writing job then.
func WillIssue(st *data.Store, roundID int64, doc string, opt PrintOptions) (bool, error) {
	s, err := st.Settings()
	if err != nil {
		return false, err
	}
	if headerMode(s, doc, opt) == reports.HeaderNone {
		return false, nil
	}
	_, ok, err := st.IssuedWenhao(roundID, doc)
	return !ok, err
}

// issue writes the document made by gen to w, and records its 文号 (when there
// is one to record) only once the whole PDF was made: a failed print issues nothing.
func issue(st *data.Store, roundID int64, doc, wenhao string, date time.Time, w io.Writer, gen func(io.Writer) error) error {
	if wenhao == "" {
		return gen(w)
	}
	var buf bytes.Buffer
	if err := gen(&buf); err != nil {
		return err
	}
	if _, err := st.IssueWenhao(roundID, doc, wenhao, date); err != nil {
		return err
	}
	_, err := buf.WriteTo(w)
	return err
}

// LetterheadCalibration writes the 红头纸 calibration page at the heights set
// in the settings, with the 文号 the next decision would print as the sample.
func LetterheadCalibration(st *data.Store, w io.Writer) error {
	s, err := st.Settings()
	if err != nil {
		return err
	}
	f, err := Fonts(s)
	if err != nil {
		return err
	}
	sample := "华阳街道党工委发〔2021〕12号"
	if d := s.Daizi(); d != "" {
		sample = data.FormatWenhao(d, today(st).Year(), 1)
	}
	wh, body := s.LetterheadMM()
	return reports.LetterheadCalibration(w, wh, body, sample, f)
}
