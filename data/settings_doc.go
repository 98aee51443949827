package data

import (
	"fmt"
	"strconv"
	"strings"
)

// 版头 modes of a document kind (Settings.HeaderDecision, HeaderNotice).
const (
	HeaderNone       = "none"       // no 版头 (a notice posted on a board)
	HeaderFull       = "full"       // 发文机关标志 in red, 发文字号, red line
	HeaderLetterhead = "letterhead" // pre-printed 红头纸: only the 发文字号, at a measured height
)

// HeaderModes are the modes with their Chinese names, in the order offered.
var HeaderModes = [][2]string{
	{HeaderNone, "不印版头"},
	{HeaderFull, "完整版头（红色发文机关标志、发文字号、红色分隔线）"},
	{HeaderLetterhead, "红头纸（只印发文字号）"},
}

// Header is the 版头 mode for a document kind (DocDecision, DocNotice):
// the decision has a full 版头 unless set otherwise, the notice none.
func (s Settings) Header(doc string) string {
	v := s.HeaderNotice
	if doc == DocDecision {
		v = s.HeaderDecision
		if v == "" {
			return HeaderFull
		}
	}
	if v == "" {
		return HeaderNone
	}
	return v
}

// Organ is one 发文机关 with its 机关代字.
type Organ struct {
	Name  string // as the 发文机关标志 names it, e.g. 华阳街道党工委
	Daizi string // e.g. 华阳街道党工委发
}

// DocOrgans are the 发文机关, the lead organ first (several for 联合行文).
func (s Settings) DocOrgans() []Organ {
	var out []Organ
	for _, ln := range strings.Split(strings.ReplaceAll(s.Organs, "\r\n", "\n"), "\n") {
		name, daizi, _ := strings.Cut(ln, "|")
		if name = strings.TrimSpace(name); name != "" {
			out = append(out, Organ{Name: name, Daizi: strings.TrimSpace(daizi)})
		}
	}
	return out
}

// Daizi is the 机关代字 of the lead organ ("" when none is set).
func (s Settings) Daizi() string {
	if o := s.DocOrgans(); len(o) > 0 {
		return o[0].Daizi
	}
	return ""
}

// Red is the 版头 colour.
func (s Settings) Red() [3]int {
	rgb, err := parseRGB(s.HeaderRed)
	if err != nil || s.HeaderRed == "" {
		return [3]int{230, 0, 0}
	}
	return rgb
}

func parseRGB(v string) ([3]int, error) {
	var rgb [3]int
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' || r == ' ' })
	if len(parts) != 3 {
		return rgb, fmt.Errorf("应写成三个 0～255 的数，用逗号隔开，如 230,0,0")
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 {
			return rgb, fmt.Errorf("“%s”不是 0～255 的数；应写成如 230,0,0", p)
		}
		rgb[i] = n
	}
	return rgb, nil
}

// LetterheadMM are the 红头纸 heights in mm from the paper's top edge (0 when unset).
func (s Settings) LetterheadMM() (wenhao, body float64) {
	wenhao, _ = strconv.ParseFloat(strings.TrimSpace(s.LetterheadWenhao), 64)
	body, _ = strconv.ParseFloat(strings.TrimSpace(s.LetterheadBody), 64)
	return wenhao, body
}

// checkDoc checks the official-format settings.
func (st *Settings) checkDoc(ck *checker) {
	for _, f := range []struct{ field, label, v string }{{"HeaderDecision", "命名决定版头", st.HeaderDecision}, {"HeaderNotice", "公示版头", st.HeaderNotice}} {
		if f.v != "" && f.v != HeaderNone && f.v != HeaderFull && f.v != HeaderLetterhead {
			ck.add(f.field, f.label, "请选择不印版头、完整版头或红头纸")
		}
	}
	if st.HeaderRed != "" {
		if _, err := parseRGB(st.HeaderRed); err != nil {
			ck.add("HeaderRed", "版头红色", "%v", err)
		}
	}
	for i, o := range st.DocOrgans() {
		switch {
		case strings.ContainsAny(o.Daizi, "〔〕[]()（）"):
			ck.add("Organs", "发文机关及机关代字", "第%d行的机关代字“%s”只写代字，不带年份和括号，如 华阳街道党工委发", i+1, o.Daizi)
		case o.Daizi == "" && i == 0:
			ck.add("Organs", "发文机关及机关代字", "第1行（主办机关）“%s”缺少机关代字，应写成“名称|机关代字”，如 华阳街道党工委|华阳街道党工委发", o.Name)
		}
	}
	for _, f := range []struct{ field, label, v string }{{"LetterheadWenhao", "红头纸发文字号位置", st.LetterheadWenhao}, {"LetterheadBody", "红头纸正文起始位置", st.LetterheadBody}} {
		if strings.TrimSpace(f.v) == "" {
			continue
		}
		if n, err := strconv.ParseFloat(strings.TrimSpace(f.v), 64); err != nil || n < 37 || n > 230 {
			ck.add(f.field, f.label, "“%s”应为纸张上边缘到该处的毫米数，在 37～230 之间", f.v)
		}
	}
}
