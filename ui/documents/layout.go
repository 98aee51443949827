package documents

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"jiayuan/reports"
)

// CertLayout is the certificate paper and printing mode, kept as JSON in
// Settings.CertLayout. The zero value is landscape A4 with the full design.
type CertLayout struct {
	Title     string  `json:"title,omitempty"` // default 荣誉证书
	PaperW    float64 `json:"paper_w,omitempty"`
	PaperH    float64 `json:"paper_h,omitempty"`
	DateStyle string  `json:"date_style,omitempty"` // "" (2021年12月10日), "chinese" (二〇二一年十二月十日), "chinese_month" (二〇二一年十二月)
	Stock     bool    `json:"stock,omitempty"`      // pre-printed stock: only the variable text
	OffsetX   float64 `json:"offset_x,omitempty"`   // printer offset, mm (right positive)
	OffsetY   float64 `json:"offset_y,omitempty"`   // printer offset, mm (down positive)
	// Boxes overrides where the variable text goes on stock (nil: where the full design has it).
	Boxes *reports.StockLayout `json:"boxes,omitempty"`
	Seal  string               `json:"seal,omitempty"` // PNG/JPEG of the seal; empty leaves its place blank
}

// Date styles of CertLayout.
const (
	DateArabic       = ""
	DateChinese      = "chinese"
	DateChineseMonth = "chinese_month"
)

// Papers are the certificate papers a clerk picks from (name, width, height in mm).
var Papers = []struct {
	Name string
	W, H float64
}{
	{"A4 横向（297×210）", 297, 210},
	{"A3 横向（420×297）", 420, 297},
	{"证书内芯 8 开（370×260）", 370, 260},
	{"证书内芯 12 开（285×210）", 285, 210},
	{"证书内芯 16 开（260×185）", 260, 185},
}

// ParseCertLayout reads the settings value; empty means the defaults.
func ParseCertLayout(s string) (CertLayout, error) {
	var l CertLayout
	if strings.TrimSpace(s) == "" {
		return l, nil
	}
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return l, fmt.Errorf("设置中的证书版式无法读取（%v），请在“设置—打印”中重新设置", err)
	}
	if (l.PaperW != 0 || l.PaperH != 0) && (l.PaperW < 100 || l.PaperH < 100 || l.PaperW > 600 || l.PaperH > 600) {
		return l, fmt.Errorf("设置中的证书纸张 %g×%g 毫米不合理，请在“设置—打印”中重新设置", l.PaperW, l.PaperH)
	}
	return l, nil
}

// String is the JSON kept in the settings.
func (l CertLayout) String() string {
	if l == (CertLayout{}) {
		return ""
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func (l CertLayout) paper() reports.Paper {
	if l.PaperW > 0 && l.PaperH > 0 {
		return reports.Paper{W: l.PaperW, H: l.PaperH}
	}
	return reports.A4Landscape
}

func (l CertLayout) dateStyle() reports.DateStyle {
	switch l.DateStyle {
	case DateChinese:
		return reports.DateChinese
	case DateChineseMonth:
		return reports.DateChineseMonth
	}
	return reports.DateArabic
}

func (l CertLayout) stock() reports.StockLayout {
	s := reports.DefaultStockLayout(l.paper())
	if l.Boxes != nil {
		s = *l.Boxes
	}
	s.OffsetX, s.OffsetY = l.OffsetX, l.OffsetY
	return s
}

func readSeal(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读不到印章图片“%s”：%w。请在“设置—打印”中重新选择，或清空改为留出盖章位置", path, err)
	}
	return b, nil
}
