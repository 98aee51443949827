package exchange

import (
	"testing"
	"time"
)

// The time a file was made is shown in local time with Chinese date words,
// not as the raw 2026-12-04T22:50:34Z the file holds.
func TestCreatedTextIsLocalAndChinese(t *testing.T) {
	saved := time.Local
	defer func() { time.Local = saved }()
	time.Local = time.FixedZone("CST", 8*3600)
	for in, want := range map[string]string{
		"2026-12-04T22:50:34Z":      "2026年12月5日 06:50",
		"2026-01-09T08:05:00+08:00": "2026年1月9日 08:05",
		"昨天":                        "昨天",
	} {
		if got := (Manifest{Created: in}).CreatedText(); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
